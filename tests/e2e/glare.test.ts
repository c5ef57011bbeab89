// Glare in real Chromium: two people click "Present" at the same instant, so
// both offer on the connection between them at once. Perfect negotiation must
// settle it: both shares reach everyone, each sharer sees the other's share,
// and nothing is left stuck (every connection connected and stable, every
// camera and microphone still seen and heard, before and after both stop).
//
// Who rolls back is the polite side: the greater of the two participant ids
// (DESIGN.md). Ids sort by join time, so that is always the newcomer, who made
// the connection's first offer with its own transceivers. A member's camera
// transceivers come from that remote offer, and Chromium 156 stops their
// receivers for good if the member's own first offer is rolled back
// (w3c/webrtc-pc#3081): the member must never be the polite side. The test
// checks the id order and then plays the glare out in a room of three: Olga
// watches, Mia (the member) and Noah (the newcomer) share.
//
// To make the two offers certainly cross, the two sharers' pages receive
// signaling 500 ms late while they start (a slow signaling path; media is not
// touched), and the test checks that an offer collision really happened.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, afterEach, describe, expect, test } from 'vitest';
import {
  createMeeting,
  enterFromLobby,
  joinByLink,
  launchBrowser,
  newParticipant,
  offerCollisions,
  peerConnectionStats,
  setSignalingDelay,
  startServer,
  TID,
  tileIds,
  waitFor,
  waitForIds,
  waitForMediaFlow,
  waitForPressed,
  waitForTileFlow,
  waitForTileGone,
  type ParleyServer,
  type Person,
} from './harness';

const WIDESCREEN = 16 / 9;
const SIGNALING_DELAY_MS = 500;

let server: ParleyServer;
let browser: Browser;
let room: Person[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  for (const person of room) expect(person.pageErrors, `${person.name}'s page errors`).toEqual([]);
  await Promise.all(room.map((p) => p.close()));
  room = [];
});

/** Waits until the page has exactly `count` peer connections, all connected and stable. */
function waitForAllConnected(person: Person, count: number) {
  return waitFor(
    async () => {
      const pcs = await peerConnectionStats(person.page);
      const states = pcs.map((pc) => `${pc.connectionState}/${pc.signalingState}`);
      const settled = states.filter((s) => s === 'connected/stable').length;
      if (pcs.length !== count || settled !== count) throw new Error(states.join(', '));
      return true;
    },
    { timeout: 15_000, message: `${person.name}: ${count} connected, stable connections` },
  );
}

/** Olga, Mia and Noah in a fresh room, in that order, and everyone's ids as the others see them. */
async function roomOfThree() {
  const olga: Person = { ...(await newParticipant(browser)), name: 'Olga' };
  room.push(olga);
  const link = await createMeeting(olga.page, server.url);
  await enterFromLobby(olga.page, 'Olga');
  const mia = await joinByLink(browser, link, 'Mia');
  room.push(mia);
  const noah = await joinByLink(browser, link, 'Noah');
  room.push(noah);
  const seen = await waitForIds(olga.page, ['Mia', 'Noah']);
  const { Olga } = await waitForIds(mia.page, ['Olga']);
  const ids: Record<string, string> = { Olga, Mia: seen.Mia, Noah: seen.Noah };
  return { olga, mia, noah, ids };
}

/** Every person sees and hears every other person's camera and microphone. */
async function everyoneSeesAndHearsEveryone(people: Person[], ids: Record<string, string>) {
  await Promise.all(people.map((p) => waitForMediaFlow(p.page, people.length - 1)));
  await Promise.all(
    people.flatMap((viewer) =>
      people
        .filter((other) => other !== viewer)
        .map((other) => waitForTileFlow(viewer.page, ids[other.name], { audio: true })),
    ),
  );
}

describe('two people start a share at the same instant', () => {
  test('both shares reach everyone and nothing is left stuck', async () => {
    const { olga, mia, noah, ids } = await roomOfThree();
    // The newcomer has the greater id, so it is the polite side that rolls back.
    expect(ids.Noah > ids.Mia).toBe(true);
    expect(ids.Mia > ids.Olga).toBe(true);
    const everyone = [olga, mia, noah];
    const sharers = [mia, noah];
    await everyoneSeesAndHearsEveryone(everyone, ids);

    const collisions = async () =>
      (await Promise.all(sharers.map((p) => offerCollisions(p.page)))).reduce((a, b) => a + b);
    const before = await collisions();
    await Promise.all(sharers.map((p) => setSignalingDelay(p.page, SIGNALING_DELAY_MS)));
    await Promise.all(sharers.map((p) => p.page.click(`[data-testid="${TID.toggleScreen}"]`)));
    await Promise.all(sharers.map((p) => waitForPressed(p.page, TID.toggleScreen, true)));

    const screen = { kind: 'screen', aspect: WIDESCREEN } as const;
    await Promise.all([
      waitForTileFlow(olga.page, ids.Mia, screen),
      waitForTileFlow(olga.page, ids.Noah, screen),
      waitForTileFlow(mia.page, ids.Noah, screen),
      waitForTileFlow(noah.page, ids.Mia, screen),
    ]);
    await Promise.all(sharers.map((p) => setSignalingDelay(p.page, 0)));
    // The two offers between Mia and Noah really crossed, and one side rolled back.
    expect(await collisions()).toBeGreaterThan(before);
    expect((await tileIds(olga.page, 'screen')).sort()).toEqual([ids.Mia, ids.Noah].sort());
    expect(await tileIds(mia.page, 'screen')).toEqual([ids.Noah]);
    expect(await tileIds(noah.page, 'screen')).toEqual([ids.Mia]);

    // Nothing stuck: every connection connected and stable, every camera and mic still there.
    await Promise.all(everyone.map((p) => waitForAllConnected(p, 2)));
    await everyoneSeesAndHearsEveryone(everyone, ids);

    // Both stop: the screen tiles go everywhere and the call goes on.
    await Promise.all(sharers.map((p) => p.page.click(`[data-testid="${TID.toggleScreen}"]`)));
    await Promise.all(
      everyone.flatMap((p) => [
        waitForTileGone(p.page, ids.Mia, 'screen'),
        waitForTileGone(p.page, ids.Noah, 'screen'),
      ]),
    );
    await Promise.all(sharers.map((p) => waitForPressed(p.page, TID.toggleScreen, false)));
    await everyoneSeesAndHearsEveryone(everyone, ids);
  });
});
