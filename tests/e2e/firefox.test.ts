// A call across browsers: one Firefox (Debian's firefox-esr over WebDriver
// BiDi, support/firefox.ts) and two Chromium pages, against the production
// build. Ann (Chromium) is first; Fox (Firefox) joins and offers to Ann;
// Bob (Chromium) joins last and offers to both, so a Firefox offer and a
// Firefox answer are both in the call. Media is proven per tile from
// getStats (inbound-rtp framesDecoded and bytesReceived growing) and the
// tile's <video> (videoWidth > 0, currentTime advancing), on both browsers.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  joinCall,
  launchBrowser,
  newParticipant,
  startServer,
  TID,
  tileIds,
  waitFor,
  waitForIds,
  waitForPressed,
  waitForTileAttribute,
  waitForTileFlow,
  waitForTileGone,
  waitForTileStill,
  type Participant,
  type ParleyServer,
} from './harness';
import {
  asEvaluator,
  chatTexts,
  clickInFirefox,
  fillInFirefox,
  joinCallInFirefox,
  launchFirefox,
  newFirefoxParticipant,
  waitForFirefoxPressed,
  type FirefoxBrowser,
  type FirefoxParticipant,
} from './support/firefox';
import { generateRoomId } from '@/lib/view/roomId';

const WIDESCREEN = 16 / 9;

let server: ParleyServer;
let chromium: Browser;
let firefox: FirefoxBrowser;
let ann: Participant;
let bob: Participant;
let fox: FirefoxParticipant;
const ids: Record<string, string> = {};
const roomId = generateRoomId();

beforeAll(async () => {
  [server, chromium, firefox] = await Promise.all([
    startServer(),
    launchBrowser(),
    launchFirefox(),
  ]);
  ann = await newParticipant(chromium);
  bob = await newParticipant(chromium);
  fox = await newFirefoxParticipant(firefox);
  await joinCall(ann.page, server.url, roomId, 'Ann');
});

afterAll(async () => {
  await firefox?.close();
  await chromium?.close();
  await server?.stop();
});

const chromiumPages = () => [ann.page, bob.page];
const foxView = () => asEvaluator(fox.page);

describe('Firefox and Chromium in one call', () => {
  test('media flows both ways between Firefox and two Chromium pages', async () => {
    const started = Date.now();
    await joinCallInFirefox(fox.page, server.url, roomId, 'Fox');
    Object.assign(ids, await waitForIds(ann.page, ['Fox']));
    // Firefox offered to Chromium: each plays the other's camera and microphone.
    const annSeesFox = await waitForTileFlow(ann.page, ids.Fox, { audio: true });
    Object.assign(ids, await waitFor(() => idsInFirefox(['Ann']), { message: 'Ann in Firefox' }));
    const foxSeesAnn = await waitForTileFlow(foxView(), ids.Ann, { audio: true });
    const firstPair = Date.now() - started;

    await joinCall(bob.page, server.url, roomId, 'Bob');
    Object.assign(ids, await waitForIds(bob.page, ['Ann', 'Fox']));
    // Chromium offered to Firefox this time.
    const flows = await Promise.all([
      waitForTileFlow(bob.page, ids.Fox, { audio: true }),
      waitForTileFlow(bob.page, ids.Ann),
      waitFor(() => idsInFirefox(['Bob']), { message: 'Bob in Firefox' }).then(async (found) => {
        Object.assign(ids, found);
        return waitForTileFlow(foxView(), found.Bob, { audio: true });
      }),
      waitForTileFlow(ann.page, ids.Fox),
    ]);
    for (const flow of [annSeesFox, foxSeesAnn, ...flows]) {
      expect(flow.tile.videoWidth).toBeGreaterThan(0);
      expect(flow.fps).toBeGreaterThan(0);
    }
    const codecs = await receivedCodecs(fox.page);
    console.log(
      `[firefox] Firefox<->Chromium media both ways ${firstPair} ms after Fox clicked join; ` +
        `Firefox receives ${codecs.join(', ')}; ` +
        `Firefox decodes Ann ${foxSeesAnn.tile.videoWidth}x${foxSeesAnn.tile.videoHeight} ` +
        `at ${foxSeesAnn.fps.toFixed(1)} fps, Ann decodes Firefox ${annSeesFox.tile.videoWidth}x${annSeesFox.tile.videoHeight}`,
    );
    expect(fox.pageErrors).toEqual([]);
  });

  test('camera off and on from Firefox: Chromium tiles say so and frames stop, then resume', async () => {
    await clickInFirefox(fox.page, TID.toggleCamera);
    await waitForFirefoxPressed(fox.page, TID.toggleCamera, false);
    await Promise.all(
      chromiumPages().map(async (page) => {
        await waitForTileAttribute(page, ids.Fox, 'data-camera', 'off');
        await waitForTileStill(page, ids.Fox, 'video');
      }),
    );
    await clickInFirefox(fox.page, TID.toggleCamera);
    await waitForFirefoxPressed(fox.page, TID.toggleCamera, true);
    await Promise.all(
      chromiumPages().map(async (page) => {
        await waitForTileAttribute(page, ids.Fox, 'data-camera', 'on');
        await waitForTileFlow(page, ids.Fox);
      }),
    );
  });

  test('mic off from Firefox: Chromium tiles show it muted and its sound stops', async () => {
    await clickInFirefox(fox.page, TID.toggleMic);
    await waitForFirefoxPressed(fox.page, TID.toggleMic, false);
    await Promise.all(
      chromiumPages().map(async (page) => {
        await waitForTileAttribute(page, ids.Fox, 'data-mic', 'off');
        await waitForTileStill(page, ids.Fox, 'audio');
      }),
    );
    await clickInFirefox(fox.page, TID.toggleMic);
    await waitForFirefoxPressed(fox.page, TID.toggleMic, true);
    await Promise.all(
      chromiumPages().map((page) => waitForTileAttribute(page, ids.Fox, 'data-mic', 'on')),
    );
  });

  test('a screen share from Chromium reaches Firefox as a 16:9 screen tile', async () => {
    await ann.page.click(`[data-testid="${TID.toggleScreen}"]`);
    await waitForPressed(ann.page, TID.toggleScreen, true);
    const share = await waitForTileFlow(foxView(), ids.Ann, { kind: 'screen', aspect: WIDESCREEN });
    expect(share.tile.videoWidth / share.tile.videoHeight).toBeCloseTo(WIDESCREEN, 1);
    expect(await tileIds(foxView(), 'screen')).toEqual([ids.Ann]);
    // Ann's camera keeps playing in Firefox beside the share.
    await waitForTileFlow(foxView(), ids.Ann);
    await ann.page.click(`[data-testid="${TID.toggleScreen}"]`);
    await waitForPressed(ann.page, TID.toggleScreen, false);
    await waitForTileGone(foxView(), ids.Ann, 'screen');
  });

  test('chat both ways between Firefox and Chromium', async () => {
    await clickInFirefox(fox.page, TID.chatToggle);
    await fillInFirefox(fox.page, TID.chatInput, 'hello from Firefox');
    await clickInFirefox(fox.page, TID.chatSend);
    await ann.page.getByTestId(TID.chatToggle).click();
    await ann.page
      .getByTestId(TID.chatMessage)
      .filter({ hasText: 'hello from Firefox' })
      .waitFor({ timeout: 10_000 });
    await ann.page.getByTestId(TID.chatInput).fill('hello from Chromium');
    await ann.page.getByTestId(TID.chatSend).click();
    await waitFor(
      async () => (await chatTexts(fox.page)).some((t) => t.includes('hello from Chromium')),
      {
        message: 'the Chromium message in Firefox',
      },
    );
  });

  test('Firefox leaving: its tile goes from both Chromium pages', async () => {
    await clickInFirefox(fox.page, TID.leave);
    await Promise.all(chromiumPages().map((page) => waitForTileGone(page, ids.Fox)));
    expect(await tileIds(ann.page)).toEqual([ids.Bob]);
    expect(fox.pageErrors).toEqual([]);
    expect(ann.pageErrors).toEqual([]);
    expect(bob.pageErrors).toEqual([]);
  });
});

/** The codecs of what a page receives (mimeType of each inbound-rtp's codec). */
function receivedCodecs(page: FirefoxParticipant['page']): Promise<string[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __parleyPCs: RTCPeerConnection[] }).__parleyPCs;
    const found = new Set<string>();
    for (const pc of pcs) {
      if (pc.signalingState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((s: { type: string; codecId?: string }) => {
        const codec = s.type === 'inbound-rtp' && s.codecId ? stats.get(s.codecId) : null;
        if (codec?.mimeType) found.add(String(codec.mimeType));
      });
    }
    return [...found].sort();
  });
}

/** Participant ids by display name, as Firefox's remote tiles show them. */
async function idsInFirefox(names: string[]): Promise<Record<string, string> | null> {
  const tiles = await fox.page.$$eval('[data-testid="remote-tile"]', (els) =>
    els.map((el) => ({
      id: el.getAttribute('data-participant-id'),
      lines: (el as HTMLElement).innerText.split('\n').map((l) => l.trim()),
    })),
  );
  const out: Record<string, string> = {};
  for (const name of names) {
    const tile = tiles.find((t) => t.lines.includes(name));
    if (!tile?.id) return null;
    out[name] = tile.id;
  }
  return out;
}
