// Glare in real Chromium: two people click "Present" at the same instant, so
// both offer on the connection between them at once. Perfect negotiation must
// settle it: both shares reach everyone, each sharer sees the other's share,
// and nothing is left stuck (every connection connected and stable, every
// camera and microphone still seen and heard, before and after both stop).
//
// Who rolls back is the polite side, chosen from the two participant ids
// (DESIGN.md). One side of a connection is the member who was in the room
// first and answered its first offer, the other the newcomer who made it; the
// member's camera transceivers come from that remote offer, the newcomer's
// from addTransceiver, and Chromium treats the two differently on rollback.
// So the glare is played out in both id orders, each in a fresh room of three:
// Olga watches, Mia (the member) and Noah (the newcomer) share. Mia and Noah
// join again (getting new ids) until the id order is the one wanted.
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

/**
 * Olga, Mia and Noah in a fresh room, in that order, with Mia's id greater
 * than Noah's or not, as asked (Mia and Noah join again, with new ids, until
 * it is so). Resolves with everyone's ids as the others see them.
 */
async function roomOfThree(memberIdGreater: boolean) {
  const olga: Person = { ...(await newParticipant(browser)), name: 'Olga' };
  room.push(olga);
  const link = await createMeeting(olga.page, server.url);
  await enterFromLobby(olga.page, 'Olga');
  for (let attempt = 0; attempt < 10; attempt++) {
    const mia = await joinByLink(browser, link, 'Mia');
    room.push(mia);
    const noah = await joinByLink(browser, link, 'Noah');
    room.push(noah);
    const seen = await waitForIds(olga.page, ['Mia', 'Noah']);
    if (seen.Mia > seen.Noah === memberIdGreater) {
      const { Olga } = await waitForIds(mia.page, ['Olga']);
      const ids: Record<string, string> = { Olga, Mia: seen.Mia, Noah: seen.Noah };
      return { olga, mia, noah, ids };
    }
    for (const person of [mia, noah]) {
      await person.page.getByTestId(TID.leave).click();
      await waitForTileGone(olga.page, seen[person.name]);
      await person.close();
      room.pop();
    }
  }
  throw new Error('ten pairs in a row gave the other id order');
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
  test.each([
    ['the member (who answered the first offer) has the greater id', true],
    ['the newcomer (who made the first offer) has the greater id', false],
  ])(
    'when %s: both shares reach everyone and nothing is left stuck',
    async (_, memberIdGreater) => {
      const { olga, mia, noah, ids } = await roomOfThree(memberIdGreater);
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
    },
  );
});
