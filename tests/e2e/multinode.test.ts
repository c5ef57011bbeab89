// Two Parley nodes on one Redis, real Chromium: a browser on node 1 and one on
// node 2 are in one call with media flowing; SIGKILL of node 2 removes its
// participant as seen from node 1 within 30 s; SIGTERM drains a node cleanly.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/roomId';
import { RedisServer } from '../server/redis';
import {
  joinCall,
  launchBrowser,
  newParticipant,
  startServer,
  tileIds,
  waitFor,
  waitForMediaFlow,
  waitForTileGone,
  type Participant,
  type ParleyServer,
} from './harness';

let redis: RedisServer;
let browser: Browser;
let nodes: ParleyServer[] = [];
let people: Participant[] = [];

const SECRET = 'multinode-e2e-session-secret-0123456789abcdef';

beforeAll(async () => {
  [redis, browser] = await Promise.all([RedisServer.start(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await redis?.stop();
});

afterEach(async () => {
  for (const person of people) {
    // A CSP that blocked the app's own socket or media would show here.
    expect(person.consoleErrors.filter((e) => /Content.Security.Policy/i.test(e))).toEqual([]);
    expect(person.pageErrors).toEqual([]);
    await person.context.close();
  }
  people = [];
  await Promise.all(nodes.map((n) => n.kill()));
  nodes = [];
});

async function twoNodes(): Promise<[ParleyServer, ParleyServer]> {
  const env = { REDIS_URL: redis.url, SESSION_SECRET: SECRET };
  const started = await Promise.all([
    startServer({ ...env, NODE_ID: 'node-1' }),
    startServer({ ...env, NODE_ID: 'node-2' }),
  ]);
  nodes.push(...started);
  return started;
}

async function person(): Promise<Participant> {
  const p = await newParticipant(browser);
  people.push(p);
  return p;
}

describe('two signaling nodes on Redis', () => {
  test('a browser on node 1 and one on node 2 see and hear each other; killing node 2 removes its participant', async () => {
    const [one, two] = await twoNodes();
    const roomId = generateRoomId();
    const alice = await person();
    const bob = await person();
    await joinCall(alice.page, one.url, roomId, 'Alice');
    await joinCall(bob.page, two.url, roomId, 'Bob');
    await Promise.all([waitForMediaFlow(alice.page, 1), waitForMediaFlow(bob.page, 1)]);

    const [bobId] = await tileIds(alice.page);
    expect(bobId).toBeTruthy();
    const killedAt = Date.now();
    await two.kill();
    await waitForTileGone(alice.page, bobId!, 'remote', 30_000);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    // Leaving two tabs with a dead server would log connection errors; expected here.
    bob.consoleErrors.length = 0;
  });

  test('SIGTERM drains a node: it tells its clients, closes and exits 0', async () => {
    const [one] = await twoNodes();
    const alice = await person();
    let told = false;
    alice.page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"server-draining"')) told = true;
      });
    });
    await joinCall(alice.page, one.url, generateRoomId(), 'Alice');
    one.process.kill('SIGTERM');
    const exit = await one.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(told).toBe(true);
    await waitFor(async () => one.output().includes('drained'), {
      timeout: 10_000,
      message: 'drain logged',
    });
    alice.consoleErrors.length = 0;
  });
});
