// The SFU relay of Parley's server against a real Janus: when a room moves, what a
// client may ask of Janus (only for its own seat), and rooms cleaned up when empty.
// Janus never gathers candidates on loopback, so feeds do not come up here; media
// through Janus is proven by tests/e2e/sfu.test.ts inside a network namespace.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApplication } from '@/server/app';
import { MemoryRoomRegistry, type RoomRegistry } from '@/server/rooms';
import { RedisRoomRegistry } from '@/server/rooms/redis';
import { MemoryRoomModes, RedisRoomModes, type RoomModes } from '@/server/rooms/modes';
import { newRedisClient } from '@/server/ops/redis';
import type { JanusSfu } from '@/server/sfu';
import { JanusServer } from '../../support/janus';
import {
  connectTo,
  enter,
  expectOk,
  expectRefused,
  newRoomId,
  once,
  rawRequest,
  RecordingLogger,
  request,
  testConfig,
  until,
  type ClientSocket,
} from '../helpers';
import { RedisServer } from '../redis';
import { connectSfu, outsider } from './support';

const offer = {
  type: 'offer' as const,
  sdp: readFileSync(new URL('./fixtures/chromium-sendonly-offer.sdp', import.meta.url), 'utf8'),
};

let janus: JanusServer;
let sfu: JanusSfu;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  janus = await JanusServer.start();
  sfu = await connectSfu(janus);
});

afterAll(async () => {
  await sfu?.close();
  await janus?.stop();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startApp(
  modes: RoomModes = new MemoryRoomModes(),
  registry: RoomRegistry = new MemoryRoomRegistry(),
  meshMax = 2,
  presenceGraceMs = 0,
  janusSfu: JanusSfu = sfu,
) {
  const http = createServer();
  const io = createApplication(http, {
    registry,
    config: testConfig({ meshMax, presenceGraceMs }),
    log: new RecordingLogger(),
    sfu: { janus: janusSfu, modes, meshMax },
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];
  cleanups.push(async () => {
    for (const c of clients) c.disconnect();
    await new Promise<void>((resolve) => {
      io.close(() => resolve());
      http.closeAllConnections();
    });
  });
  return {
    registry,
    modes,
    async connect() {
      const socket = await connectTo(url);
      clients.push(socket);
      return socket;
    },
  };
}

describe('room mode', () => {
  it('moves the room when a join makes it MESH_MAX + 1, tells everyone, and late joiners enter as sfu', async () => {
    const app = await startApp();
    const roomId = newRoomId();
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => app.connect()));
    expect((await enter(a!, roomId, 'A')).mode).toBe('mesh');
    expect((await enter(b!, roomId, 'B')).mode).toBe('mesh');
    const told = [once(a!, 'room-mode'), once(b!, 'room-mode')];
    expect((await enter(c!, roomId, 'C')).mode).toBe('sfu');
    for (const payload of await Promise.all(told)) expect(payload).toEqual({ mode: 'sfu' });
    expect(await app.modes.get(roomId)).toBe('sfu');
    expect((await enter(d!, roomId, 'D')).mode).toBe('sfu');
  });

  it('refuses SFU requests in a mesh room', async () => {
    const app = await startApp();
    const a = await app.connect();
    await enter(a, newRoomId(), 'A');
    expectRefused(
      await request(a, 'sfu-publish', { source: 'camera', description: offer }),
      'bad-request',
    );
  });
});

describe('the whitelist', () => {
  it("publishes under the caller's own seat: its room, its participant id as feed, its name", async () => {
    const app = await startApp();
    const roomId = newRoomId();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => app.connect()));
    await enter(a!, roomId, 'Ann');
    await enter(b!, roomId, 'Bob');
    const carol = await enter(c!, roomId, 'Carol');
    const res = await request(c!, 'sfu-publish', { source: 'camera', description: offer });
    expect(res).toMatchObject({ ok: true, description: { type: 'answer' } });
    const feeds = await sfu.listParticipants(roomId);
    expect(feeds.map((f) => f.feed)).toEqual([carol.selfId]);
    // A screen share is a feed of its own, named after the seat too.
    expect(
      await request(c!, 'sfu-publish', { source: 'screen', description: offer }),
    ).toMatchObject({ ok: true });
    expect((await sfu.listParticipants(roomId)).map((f) => f.feed).sort()).toEqual(
      [carol.selfId, `${carol.selfId}.screen`].sort(),
    );
    await request(c!, 'sfu-unpublish', { source: 'screen' });
    await until(async () => (await sfu.listParticipants(roomId)).length === 1);
    // Unpublishing the camera leaves Janus altogether; publishing again takes the same feed id.
    expect(await request(c!, 'sfu-unpublish', { source: 'camera' })).toMatchObject({ ok: true });
    expect(await sfu.listParticipants(roomId)).toEqual([]);
    expect(
      await request(c!, 'sfu-publish', { source: 'camera', description: offer }),
    ).toMatchObject({ ok: true });
    expect((await sfu.listParticipants(roomId)).map((f) => f.feed)).toEqual([carol.selfId]);
  });

  it('refuses a room, feed id, display name or private id from the client, and any other VideoRoom request', async () => {
    const app = await startApp();
    const roomId = newRoomId();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => app.connect()));
    const ann = await enter(a!, roomId, 'Ann');
    await enter(b!, roomId, 'Bob');
    await enter(c!, roomId, 'Carol');
    for (const extra of [
      { room: newRoomId() },
      { roomId: newRoomId() },
      { feed: ann.selfId },
      { id: ann.selfId },
      { display: 'Ann' },
      { private_id: 1 },
    ]) {
      const res = await rawRequest(c!, 'sfu-publish', {
        source: 'camera',
        description: offer,
        ...extra,
      });
      expectRefused(res, 'bad-request');
    }
    for (const event of [
      'sfu-create',
      'sfu-destroy',
      'sfu-join',
      'sfu-kick',
      'sfu-list',
      'janus',
    ]) {
      expectRefused(await rawRequest(c!, event, { room: roomId, admin_key: 'x' }), 'bad-request');
    }
    // Answering with no offer outstanding, or answering with an offer, is refused too.
    expectRefused(
      await request(c!, 'sfu-answer', { description: { type: 'answer', sdp: offer.sdp } }),
      'internal',
    );
    expectRefused(await rawRequest(c!, 'sfu-answer', { description: offer }), 'bad-request');
    // Nothing of it reached Janus: no seat, not even the room.
    expect(await sfu.roomExists(roomId)).toBe(false);
  });

  it('keeps the Janus room private: without the pin nobody joins it', async () => {
    const app = await startApp();
    const roomId = newRoomId();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => app.connect()));
    await enter(a!, roomId, 'Ann');
    await enter(b!, roomId, 'Bob');
    await enter(c!, roomId, 'Carol');
    await request(c!, 'sfu-publish', { source: 'camera', description: offer });
    const stranger = await outsider(janus);
    cleanups.push(() => stranger.connection.close());
    await expect(
      stranger.handle.joinPublisher({ room: roomId, feed: 'x-intruder', display: 'X' }),
    ).rejects.toThrow();
  });
});

describe('reconnects', () => {
  it("a resumed seat keeps its Janus feed (media never needed the socket); a seat not held gets 'sfu-reset'", async () => {
    const app = await startApp(new MemoryRoomModes(), new MemoryRoomRegistry(), 2, 5_000);
    const roomId = newRoomId();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => app.connect()));
    await enter(a!, roomId, 'Ann');
    await enter(b!, roomId, 'Bob');
    const carol = await enter(c!, roomId, 'Carol');
    await request(c!, 'sfu-publish', { source: 'camera', description: offer });
    c!.disconnect();
    const again = await app.connect();
    let reset = false;
    again.on('sfu-reset', () => (reset = true));
    const resumed = await enter(again, roomId, 'Carol', undefined, carol.resumeToken);
    expect(resumed).toMatchObject({ resumed: true, mode: 'sfu', selfId: carol.selfId });
    expect((await sfu.listParticipants(roomId)).map((f) => f.feed)).toEqual([carol.selfId]);
    expect(reset).toBe(false);
    // Someone whose seat is not held here (a fresh joiner, or after a server restart) is told to publish.
    const dan = await app.connect();
    const told = once(dan, 'sfu-reset');
    await enter(dan, roomId, 'Dan');
    await told;
  });
});

describe('cleanup', () => {
  it('destroys the Janus room and forgets the mode when the room empties; it starts as a mesh again', async () => {
    const app = await startApp();
    const roomId = newRoomId();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => app.connect()));
    await enter(a!, roomId, 'Ann');
    await enter(b!, roomId, 'Bob');
    await enter(c!, roomId, 'Carol');
    for (const s of [a!, b!, c!]) {
      expect(
        await request(s, 'sfu-publish', { source: 'camera', description: offer }),
      ).toMatchObject({ ok: true });
    }
    expect(await sfu.roomExists(roomId)).toBe(true);
    await request(a!, 'room-leave');
    c!.disconnect();
    await until(async () => (await sfu.listParticipants(roomId)).length === 1);
    expect(await sfu.roomExists(roomId)).toBe(true);
    await request(b!, 'room-leave');
    await until(async () => !(await sfu.roomExists(roomId)), 5000);
    expect(await app.modes.get(roomId)).toBe('mesh');
    const d = await app.connect();
    expect((await enter(d, roomId, 'Dan')).mode).toBe('mesh');
  });
});

describe('modes in Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('one node promotes, every node reads sfu, clear goes back to mesh', async () => {
    const clients = [newRedisClient(redis.url), newRedisClient(redis.url)];
    await Promise.all(clients.map((c) => c.connect()));
    cleanups.push(async () => {
      for (const c of clients) await c.close();
    });
    const [one, two] = clients.map((c) => new RedisRoomModes(c, 'parley-test:'));
    const roomId = newRoomId();
    expect(await one!.get(roomId)).toBe('mesh');
    const promoted = await Promise.all([one!.promote(roomId), two!.promote(roomId)]);
    expect(promoted.filter(Boolean)).toHaveLength(1);
    expect(await two!.get(roomId)).toBe('sfu');
    await one!.clear(roomId);
    expect(await two!.get(roomId)).toBe('mesh');
  });

  it('a late joiner on another node enters an SFU room directly', async () => {
    const clients = [newRedisClient(redis.url), newRedisClient(redis.url)];
    await Promise.all(clients.map((c) => c.connect()));
    const [one, two] = clients.map((c, i) =>
      startApp(
        new RedisRoomModes(c, 'parley-test:'),
        new RedisRoomRegistry(c, { nodeId: `node-${i}`, prefix: 'parley-test:' }),
      ),
    );
    const roomId = newRoomId();
    const nodeOne = await one!;
    const nodeTwo = await two!;
    cleanups.push(async () => {
      for (const c of clients) if (c.isOpen) await c.close();
    });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => nodeOne.connect()));
    await enter(a!, roomId, 'Ann');
    await enter(b!, roomId, 'Bob');
    expect((await enter(c!, roomId, 'Carol')).mode).toBe('sfu');
    const d = await nodeTwo.connect();
    expect((await enter(d, roomId, 'Dan')).mode).toBe('sfu');
  });
  it('a reconnect that lands on another node publishes there: the feed moves off the old node', async () => {
    const clients = [newRedisClient(redis.url), newRedisClient(redis.url)];
    await Promise.all(clients.map((c) => c.connect()));
    // Each node has its own link to Janus, as in production.
    const sfuTwo = await connectSfu(janus);
    cleanups.push(async () => {
      await sfuTwo.close();
      for (const c of clients) if (c.isOpen) await c.close();
    });
    const [nodeOne, nodeTwo] = await Promise.all(
      clients.map((c, i) =>
        startApp(
          new RedisRoomModes(c, 'parley-test:'),
          new RedisRoomRegistry(c, { nodeId: `node-${i}`, prefix: 'parley-test:' }),
          2,
          10_000,
          i === 0 ? sfu : sfuTwo,
        ),
      ),
    );
    const roomId = newRoomId();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => nodeOne!.connect()));
    await enter(a!, roomId, 'Ann');
    await enter(b!, roomId, 'Bob');
    const carol = await enter(c!, roomId, 'Carol');
    expect(carol.mode).toBe('sfu');
    expectOk(await request(c!, 'sfu-publish', { source: 'camera', description: offer }));
    // Carol's link drops; she comes back through the balancer on node two.
    c!.disconnect();
    const again = await nodeTwo!.connect();
    const told = once(again, 'sfu-reset');
    const resumed = await enter(again, roomId, 'Carol', undefined, carol.resumeToken);
    expect(resumed).toMatchObject({ resumed: true, mode: 'sfu', selfId: carol.selfId });
    await told;
    // Node one still holds her old feed (its grace has not run out): publishing again takes it over.
    expectOk(await request(again, 'sfu-publish', { source: 'camera', description: offer }));
    expect((await sfu.listParticipants(roomId)).map((f) => f.feed)).toEqual([carol.selfId]);
  });
});
