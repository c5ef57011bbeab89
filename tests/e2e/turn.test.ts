// Media through a TURN relay: peer connections forced to relay-only (the
// `?relay=only` test switch) against a real coturn with REST-API credentials.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
import {
  launchBrowser,
  newParticipant,
  startServer,
  TID,
  waitFor,
  waitForHydration,
  waitForMediaFlow,
  type Participant,
} from './harness';
import { startTurn, type TurnServer } from './support/turn';

const SECRET = 'parley-test-turn-secret';

async function joinRelayOnly(p: Participant, url: string, roomId: string, name: string) {
  await p.page.goto(`${url}/${roomId}?relay=only`);
  await waitForHydration(p.page, TID.joinButton);
  await p.page.getByTestId(TID.displayName).fill(name);
  await p.page.getByTestId(TID.joinButton).click();
  await p.page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
}

/** The types of the local and remote candidates of each connection's selected pair. */
function selectedPairs(p: Participant) {
  return p.page.evaluate(async () => {
    const pcs = (window as unknown as { __parleyPCs: RTCPeerConnection[] }).__parleyPCs;
    const pairs: string[] = [];
    for (const pc of pcs) {
      if (pc.connectionState !== 'connected') continue;
      const stats = await pc.getStats();
      const byId = new Map<string, Record<string, unknown>>();
      stats.forEach((s: Record<string, unknown>) => byId.set(String(s.id), s));
      for (const s of byId.values()) {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) continue;
        const pair = byId.get(String(s.selectedCandidatePairId));
        const local = byId.get(String(pair?.localCandidateId));
        const remote = byId.get(String(pair?.remoteCandidateId));
        pairs.push(`${String(local?.candidateType)}/${String(remote?.candidateType)}`);
      }
    }
    return pairs;
  });
}

describe('TURN relay', () => {
  let turn: TurnServer;
  let browser: Browser;
  const people: Participant[] = [];

  beforeAll(async () => {
    [turn, browser] = await Promise.all([startTurn(SECRET), launchBrowser()]);
  });

  afterAll(async () => {
    for (const p of people) await p.close().catch(() => undefined);
    await browser?.close();
    await turn?.stop();
  });

  test('media flows through coturn when only relay candidates are allowed', async () => {
    const server = await startServer({ TURN_URLS: turn.url, TURN_SECRET: SECRET });
    try {
      const roomId = generateRoomId();
      const [alice, bob] = await Promise.all([newParticipant(browser), newParticipant(browser)]);
      people.push(alice, bob);
      await joinRelayOnly(alice, server.url, roomId, 'Alice');
      await joinRelayOnly(bob, server.url, roomId, 'Bob');
      await Promise.all([waitForMediaFlow(alice.page, 1), waitForMediaFlow(bob.page, 1)]);
      for (const p of [alice, bob]) {
        const pairs = await selectedPairs(p);
        expect(pairs.length).toBeGreaterThan(0);
        for (const pair of pairs) expect(pair).toBe('relay/relay');
      }
      await Promise.all([alice.close(), bob.close()]);
    } finally {
      await server.stop();
    }
  });

  test('with a wrong TURN secret the tile says plainly why it cannot connect', async () => {
    const server = await startServer({ TURN_URLS: turn.url, TURN_SECRET: 'not-the-secret' });
    try {
      const roomId = generateRoomId();
      const [alice, bob] = await Promise.all([newParticipant(browser), newParticipant(browser)]);
      people.push(alice, bob);
      await joinRelayOnly(alice, server.url, roomId, 'Alice');
      await joinRelayOnly(bob, server.url, roomId, 'Bob');
      for (const p of [alice, bob]) {
        const note = await waitFor(
          async () => {
            const text = await p.page.getByTestId('connection-note').textContent({ timeout: 1000 });
            return text && /TURN/.test(text) ? text : null;
          },
          { timeout: 30_000, message: 'a connection note naming the TURN relay' },
        );
        expect(note).toMatch(/Can't connect to (Alice|Bob)/);
        expect(note).toMatch(/refused our credentials/);
      }
      const stats = await alice.page.evaluate(() =>
        (window as unknown as { __parleyPCs: RTCPeerConnection[] }).__parleyPCs.map(
          (pc) => pc.connectionState,
        ),
      );
      expect(stats).not.toContain('connected');
      await Promise.all([alice.close(), bob.close()]);
    } finally {
      await server.stop();
    }
  });
});
