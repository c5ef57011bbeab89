// Parley's browser with a client that is not Parley (support/foreignClient.ts):
// a page that speaks docs/protocol.md with socket.io-client and a bare
// RTCPeerConnection. It offers no data channels, puts every candidate in its
// offer and never trickles; one of them offers audio only, one video only
// with VP9 and H.264 before VP8. Each gets a working call with what it
// offers: proven on the Parley page's tile (getStats + <video>) and on the
// foreign client's own getStats and <video>.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  joinCall,
  launchBrowser,
  newParticipant,
  startServer,
  waitFor,
  waitForTileFlow,
  type Participant,
  type ParleyServer,
} from './harness';
import {
  freshRoomId,
  startForeignClient,
  waitForForeignMedia,
  type ForeignOptions,
} from './support/foreignClient';

let server: ParleyServer;
let browser: Browser;
const people: Participant[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Parley's Ann in a fresh room, then the foreign client joins it (and offers to her). */
async function call(foreign: Omit<ForeignOptions, 'roomId'>) {
  const roomId = freshRoomId();
  const ann = await newParticipant(browser);
  const other = await newParticipant(browser);
  people.push(ann, other);
  await joinCall(ann.page, server.url, roomId, 'Ann');
  const started = Date.now();
  const client = await startForeignClient(other, server.url, { ...foreign, roomId });
  return { ann, client, started };
}

/** Ann's participant id, as the foreign client learned it from room-enter. */
async function annIdIn(page: Participant['page']): Promise<string> {
  return waitFor(
    () =>
      page.evaluate(() => {
        const pcs = (window as unknown as { __foreign: { pcs: Record<string, unknown> } }).__foreign
          .pcs;
        return Object.keys(pcs)[0] ?? null;
      }),
    { message: 'the foreign client offering to Ann' },
  );
}

describe('a client that is not Parley', () => {
  test('no data channels, every candidate in its offer, no trickle: media both ways', async () => {
    const { ann, client, started } = await call({
      displayName: 'Gateway',
      audio: true,
      video: true,
    });
    const annId = await annIdIn(client.page);
    const [atAnn, atForeign] = await Promise.all([
      waitForTileFlow(ann.page, client.selfId, { audio: true }),
      waitForForeignMedia(client.page, annId, { video: true, audio: true }),
    ]);
    expect(atAnn.tile.videoWidth).toBeGreaterThan(0);
    expect(atForeign.videoWidth).toBeGreaterThan(0);
    // Parley answered a client that takes no trickled candidates with all of its own.
    expect(atForeign.remoteHasCandidates).toBe(true);
    console.log(
      `[foreign] non-trickle, no-data-channel client: media both ways after ${Date.now() - started} ms; ` +
        `it receives ${atForeign.video?.codec} + ${atForeign.audio?.codec}`,
    );
  });

  test('audio only: Parley plays its voice and sends it Parley’s microphone', async () => {
    const { ann, client } = await call({ displayName: 'Phone', audio: true, video: false });
    const annId = await annIdIn(client.page);
    const [atAnn, atForeign] = await Promise.all([
      waitForTileFlow(ann.page, client.selfId, { video: false, audio: true }),
      waitForForeignMedia(client.page, annId, { video: false, audio: true }),
    ]);
    expect(atAnn.tile.camera).toBe('off');
    expect(atForeign.video).toBeNull();
  });

  test('video only with VP9 and H.264 first: the call uses what it prefers', async () => {
    const { ann, client } = await call({
      displayName: 'Camera',
      audio: false,
      video: true,
      videoCodecsFirst: ['video/VP9', 'video/H264'],
    });
    const annId = await annIdIn(client.page);
    const [atAnn, atForeign] = await Promise.all([
      waitForTileFlow(ann.page, client.selfId),
      waitForForeignMedia(client.page, annId, { video: true, audio: false }),
    ]);
    expect(atAnn.tile.videoWidth).toBeGreaterThan(0);
    expect(atForeign.video?.codec).toMatch(/VP9|H264/);
  });

  test('no page errors on the Parley side', () => {
    for (const person of people) expect(person.pageErrors).toEqual([]);
  });
});
