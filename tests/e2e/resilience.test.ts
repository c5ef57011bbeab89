// Calls survive trouble: a signaling server restart mid-call, and a network
// cut between two browsers that ICE restarts recover from.
import type { Browser, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
import {
  inboundVideoStats,
  joinCall,
  launchBrowser,
  newParticipant,
  remoteTiles,
  startServer,
  TID,
  waitFor,
  waitForMediaFlow,
  type Participant,
  type ParleyServer,
} from './harness';

/** Sum of video frames decoded by a page over all its open connections. */
async function framesDecoded(p: Participant): Promise<number> {
  const pcs = await inboundVideoStats(p.page);
  return pcs.flatMap((pc) => pc.inbound).reduce((sum, s) => sum + (s.framesDecoded ?? 0), 0);
}

/** The ICE ufrag of each of the page's connections' current local description. */
function iceUfrags(p: Participant): Promise<string[]> {
  return p.page.evaluate(() =>
    (window as unknown as { __parleyPCs: RTCPeerConnection[] }).__parleyPCs.map(
      (pc) => /a=ice-ufrag:(\S+)/.exec(pc.localDescription?.sdp ?? '')?.[1] ?? '',
    ),
  );
}

async function tileIds(p: Participant): Promise<string[]> {
  return (await remoteTiles(p.page)).map((t) => t.participantId ?? '').sort();
}

describe('surviving trouble', () => {
  let browser: Browser;
  const people: Participant[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const p of people) await p.close().catch(() => undefined);
    await browser?.close();
  });

  test('a signaling server restart mid-call: media never stops, tiles and ids stay', async () => {
    let server: ParleyServer = await startServer({ SESSION_SECRET: 'restart-test-secret' });
    try {
      const roomId = generateRoomId();
      const [alice, bob] = await Promise.all([newParticipant(browser), newParticipant(browser)]);
      people.push(alice, bob);
      await joinCall(alice.page, server.url, roomId, 'Alice');
      await joinCall(bob.page, server.url, roomId, 'Bob');
      await Promise.all([waitForMediaFlow(alice.page, 1), waitForMediaFlow(bob.page, 1)]);
      const before = { alice: await tileIds(alice), bob: await tileIds(bob) };
      const pcsBefore = await alice.page.evaluate(
        () => (window as unknown as { __parleyPCs: unknown[] }).__parleyPCs.length,
      );

      await server.kill();
      // While the server is down: the banner shows and frames keep being decoded.
      for (const p of [alice, bob]) {
        await p.page.getByText('Reconnecting…').waitFor({ timeout: 15_000 });
        const start = await framesDecoded(p);
        await waitFor(async () => (await framesDecoded(p)) > start + 5, {
          timeout: 10_000,
          message: 'frames decoded while the signaling server is down',
        });
      }

      server = await startServer({ ...server.env, PORT: String(server.port) });
      for (const p of [alice, bob]) {
        await p.page.getByText('Reconnecting…').waitFor({ state: 'detached', timeout: 30_000 });
      }
      await Promise.all([waitForMediaFlow(alice.page, 1), waitForMediaFlow(bob.page, 1)]);
      expect(await tileIds(alice)).toEqual(before.alice);
      expect(await tileIds(bob)).toEqual(before.bob);
      for (const p of [alice, bob])
        await expect(p.page.getByTestId(TID.participantCount).textContent()).resolves.toBe('2');
      const pcsAfter = await alice.page.evaluate(
        () => (window as unknown as { __parleyPCs: unknown[] }).__parleyPCs.length,
      );
      expect(pcsAfter).toBe(pcsBefore);

      // The room is still usable: a newcomer gets media from both, and both see the newcomer.
      const carol = await newParticipant(browser);
      people.push(carol);
      await joinCall(carol.page, server.url, roomId, 'Carol');
      await Promise.all([
        waitForMediaFlow(carol.page, 2),
        waitForMediaFlow(alice.page, 2),
        waitForMediaFlow(bob.page, 2),
      ]);
      await Promise.all([alice.close(), bob.close(), carol.close()]);
    } finally {
      await server.stop();
    }
  });

  test('a network cut: ICE restarts and media resumes without a reload', async () => {
    const server = await startServer();
    let cdp: CDPSession | undefined;
    try {
      const roomId = generateRoomId();
      const [alice, bob] = await Promise.all([newParticipant(browser), newParticipant(browser)]);
      people.push(alice, bob);
      // Network emulation reaches WebRTC only when set before the connection exists.
      cdp = await bob.context.newCDPSession(bob.page);
      await cdp.send('Network.enable');
      const online = { offline: false, latency: 1, downloadThroughput: -1, uploadThroughput: -1 };
      await cdp.send('Network.emulateNetworkConditions', online);
      await joinCall(alice.page, server.url, roomId, 'Alice');
      await joinCall(bob.page, server.url, roomId, 'Bob');
      await Promise.all([waitForMediaFlow(alice.page, 1), waitForMediaFlow(bob.page, 1)]);
      const pageLoads = await bob.page.evaluate(
        () => performance.getEntriesByType('navigation').length,
      );
      const ufragsBefore = await iceUfrags(bob);

      await cdp.send('Network.emulateNetworkConditions', { ...online, offline: true });
      // The cut is real: Alice stops receiving Bob's video.
      await waitFor(
        async () => {
          const a = await framesDecoded(alice);
          await new Promise((r) => setTimeout(r, 1000));
          return (await framesDecoded(alice)) === a;
        },
        { timeout: 20_000, message: 'Alice stops receiving frames while Bob is offline' },
      );
      await waitFor(
        async () => {
          const states = await bob.page.evaluate(() =>
            (window as unknown as { __parleyPCs: RTCPeerConnection[] }).__parleyPCs.map(
              (pc) => pc.iceConnectionState,
            ),
          );
          return states.some((s) => s === 'disconnected' || s === 'failed');
        },
        { timeout: 20_000, message: "Bob's connection notices the cut" },
      );
      // Stay cut long enough for the app's own recovery (an ICE restart) to start.
      await waitFor(async () => (await iceUfrags(bob)).some((u, i) => u !== ufragsBefore[i]), {
        timeout: 30_000,
        message: 'Bob restarts ICE (a new local ICE ufrag) while cut off',
      });

      await cdp.send('Network.emulateNetworkConditions', online);
      await Promise.all([
        waitForMediaFlow(alice.page, 1, 45_000),
        waitForMediaFlow(bob.page, 1, 45_000),
      ]);
      expect(await bob.page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(
        pageLoads,
      );
      expect(await tileIds(alice)).toHaveLength(1);
      // Negotiation settled on both sides: nothing left half-way after the cut.
      for (const p of [alice, bob]) {
        await waitFor(
          async () => {
            const states = await p.page.evaluate(() =>
              (window as unknown as { __parleyPCs: RTCPeerConnection[] }).__parleyPCs
                .filter((pc) => pc.connectionState !== 'closed')
                .map((pc) => pc.signalingState),
            );
            return states.length === 1 && states[0] === 'stable';
          },
          { timeout: 15_000, message: 'signaling state back to stable' },
        );
      }
      await Promise.all([alice.close(), bob.close()]);
    } finally {
      await cdp?.detach().catch(() => undefined);
      await server.stop();
    }
  });
});
