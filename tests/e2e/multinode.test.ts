// Two Parley nodes on one Redis, real Chromium: a browser on node 1 and one on
// node 2 are in one call with media flowing; SIGKILL of node 2 removes its
// participant as seen from node 1 within 30 s; SIGTERM drains a node cleanly.
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
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

/**
 * A stand-in for a load balancer with health checks: each TCP connection goes
 * to the first backend that accepts it, so once a node has closed, clients
 * land on the next one. No sticky sessions (the nodes use WebSocket only).
 */
async function balancer(backends: number[]): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.pause();
    const attempt = (i: number) => {
      if (i >= backends.length) return void client.destroy();
      const upstream = connect({ host: '127.0.0.1', port: backends[i] });
      upstream.once('error', () => attempt(i + 1));
      upstream.once('connect', () => {
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
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

  test('a drained node: its people reconnect through the balancer to the other node, same seats, same connections', async () => {
    const [one, two] = await twoNodes();
    const lb = await balancer([one.port, two.port]);
    try {
      const roomId = generateRoomId();
      const alice = await person();
      const bob = await person();
      await joinCall(alice.page, lb.url, roomId, 'Alice');
      await joinCall(bob.page, lb.url, roomId, 'Bob');
      await Promise.all([waitForMediaFlow(alice.page, 1), waitForMediaFlow(bob.page, 1)]);
      const before = { alice: await tileIds(alice.page), bob: await tileIds(bob.page) };
      const connections = () =>
        alice.page.evaluate(
          () => (window as unknown as { __parleyPCs: RTCPeerConnection[] }).__parleyPCs.length,
        );
      const connectionsBefore = await connections();

      one.process.kill('SIGTERM');
      expect(await one.exited).toEqual({ code: 0, signal: null });
      // Both come back through the balancer, now to node 2, and take their seats again.
      for (const p of [alice, bob]) {
        await waitFor(async () => (await p.page.getByTestId('reconnecting').count()) === 0, {
          timeout: 30_000,
          message: 'reconnected after the drain',
        });
      }
      await Promise.all([waitForMediaFlow(alice.page, 1), waitForMediaFlow(bob.page, 1)]);
      expect(await tileIds(alice.page)).toEqual(before.alice);
      expect(await tileIds(bob.page)).toEqual(before.bob);
      // The peer connection was kept, not made again: media went on beside the signaling.
      expect(await connections()).toBe(connectionsBefore);
      // Node 2 holds the room now: a newcomer through the balancer gets both.
      const carol = await person();
      await joinCall(carol.page, lb.url, roomId, 'Carol');
      await waitForMediaFlow(carol.page, 2);
      expect((await tileIds(carol.page)).sort()).toEqual([...before.alice, ...before.bob].sort());
      expect(two.output()).toContain('enter');
      for (const p of [alice, bob, carol]) p.consoleErrors.length = 0;
    } finally {
      await lb.close();
    }
  });
});
