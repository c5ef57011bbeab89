// Screen sharing in real Chromium against the production build. The fake
// screen is a 1280x720 synthetic capture; Chromium may scale it down under
// CPU load, so shares are recognised by their 16:9 shape (the fake camera is
// 4:3), never by an exact size. Every "sees" is proven on the screen tile's
// own <video> (frames shown, currentTime advancing) and its inbound-rtp
// stats (framesDecoded, bytesReceived growing).
//
// The tests run in order and share one room of Ann, Bob and Cat; Dan joins
// during Ann's share and leaves after it. Two shares started at the same
// instant (glare) are in glare.test.ts.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createMeeting,
  endScreenCapture,
  enterFromLobby,
  joinByLink,
  launchBrowser,
  liveLocalTracks,
  newParticipant,
  startServer,
  TID,
  tileIds,
  waitForCount,
  waitForIds,
  waitForMediaFlow,
  waitForPressed,
  waitForTileFlow,
  waitForTileGone,
  type ParleyServer,
  type Person,
} from './harness';

const WIDESCREEN = 16 / 9;

let server: ParleyServer;
let browser: Browser;
const people: Record<string, Person> = {};
const ids: Record<string, string> = {};
let link = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const ann = await newParticipant(browser);
  link = await createMeeting(ann.page, server.url);
  await enterFromLobby(ann.page, 'Ann');
  people.Ann = { ...ann, name: 'Ann' };
  people.Bob = await joinByLink(browser, link, 'Bob');
  people.Cat = await joinByLink(browser, link, 'Cat');
  const everyone = Object.values(people);
  await Promise.all(everyone.map((p) => waitForMediaFlow(p.page, 2)));
  const seen = await Promise.all(
    everyone.map((viewer) =>
      waitForIds(
        viewer.page,
        everyone.filter((p) => p !== viewer).map((p) => p.name),
      ),
    ),
  );
  for (const byName of seen) Object.assign(ids, byName);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const othersOf = (name: string) => Object.values(people).filter((p) => p.name !== name);

function expectNoPageErrors() {
  for (const person of Object.values(people)) {
    expect(person.pageErrors, `${person.name}'s page errors`).toEqual([]);
  }
}

/** Live getDisplayMedia tracks in a page. */
async function liveCaptures(person: Person) {
  return (await liveLocalTracks(person.page)).filter((t) => t.source === 'display');
}

describe('screen sharing', () => {
  test('a share reaches everyone as a 16:9 screen tile while the sharer’s camera keeps playing', async () => {
    const { Ann: ann } = people;
    await ann.page.click(`[data-testid="${TID.toggleScreen}"]`);
    await waitForPressed(ann.page, TID.toggleScreen, true);
    expect((await liveCaptures(ann)).filter((t) => t.kind === 'video')).toHaveLength(1);

    const viewers = othersOf('Ann');
    const shares = await Promise.all(
      viewers.map((viewer) =>
        waitForTileFlow(viewer.page, ids.Ann, { kind: 'screen', aspect: WIDESCREEN }),
      ),
    );
    for (const share of shares) {
      expect(share.tile.videoWidth / share.tile.videoHeight).toBeCloseTo(WIDESCREEN, 1);
      expect(share.fps).toBeGreaterThan(0);
    }
    // Ann's camera tile is still there and playing (4:3, not the screen).
    const cameras = await Promise.all(
      viewers.map((viewer) => waitForTileFlow(viewer.page, ids.Ann, { audio: true })),
    );
    for (const camera of cameras) {
      expect(camera.tile.videoWidth / camera.tile.videoHeight).toBeCloseTo(4 / 3, 1);
    }
    // Nobody gets a screen tile for anyone else, and Ann none for herself.
    for (const viewer of viewers) expect(await tileIds(viewer.page, 'screen')).toEqual([ids.Ann]);
    expect(await tileIds(ann.page, 'screen')).toEqual([]);
    expectNoPageErrors();
  });

  test('someone joining during a share sees it', async () => {
    const dan = await joinByLink(browser, link, 'Dan');
    people.Dan = dan;
    const share = await waitForTileFlow(dan.page, ids.Ann, {
      kind: 'screen',
      aspect: WIDESCREEN,
    });
    expect(share.tile.videoWidth).toBeGreaterThan(0);
    await waitForMediaFlow(dan.page, 3);
    expect(await waitForIds(dan.page, ['Ann', 'Bob', 'Cat'])).toEqual({
      Ann: ids.Ann,
      Bob: ids.Bob,
      Cat: ids.Cat,
    });
    expect(await tileIds(dan.page, 'screen')).toEqual([ids.Ann]);
    expectNoPageErrors();
  });

  test('stopping the share with the button removes the screen tile everywhere', async () => {
    const { Ann: ann } = people;
    await ann.page.click(`[data-testid="${TID.toggleScreen}"]`);
    await waitForPressed(ann.page, TID.toggleScreen, false);
    await Promise.all(othersOf('Ann').map((v) => waitForTileGone(v.page, ids.Ann, 'screen')));
    expect(await liveCaptures(ann)).toEqual([]);
    // Everyone still sees everyone's camera.
    await Promise.all(Object.values(people).map((p) => waitForMediaFlow(p.page, 3)));
    expectNoPageErrors();

    // Back to three people for the next tests.
    const { Dan: dan } = people;
    await dan.page.getByTestId(TID.leave).click();
    await Promise.all(othersOf('Dan').map((p) => waitForCount(p.page, 3)));
    await dan.close();
    delete people.Dan;
  });

  test('ending the capture from the browser’s “Stop sharing” bar stops the share for everyone', async () => {
    const { Bob: bob } = people;
    const viewers = othersOf('Bob');
    await bob.page.click(`[data-testid="${TID.toggleScreen}"]`);
    await waitForPressed(bob.page, TID.toggleScreen, true);
    await Promise.all(
      viewers.map((v) => waitForTileFlow(v.page, ids.Bob, { kind: 'screen', aspect: WIDESCREEN })),
    );

    expect(await endScreenCapture(bob.page)).toBe(1);
    await waitForPressed(bob.page, TID.toggleScreen, false);
    await Promise.all(viewers.map((v) => waitForTileGone(v.page, ids.Bob, 'screen')));
    expect(await liveCaptures(bob)).toEqual([]);
    await Promise.all(viewers.map((v) => waitForTileFlow(v.page, ids.Bob)));
    expectNoPageErrors();
  });
});
