/**
 * The Redis room registry against a real redis-server: the same behaviour as
 * the memory registry, joins atomic across registries (nodes), members of a
 * dead node swept, and state written back after a Redis restart.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newRedisClient, type RedisClient } from '@/server/redis';
import { RedisRoomRegistry } from '@/server/redisRooms';
import type { Member } from '@/server/rooms';
import { ALL_OFF, CAMERA_ON, newRoomId } from './helpers';
import { RedisServer, waitUntil } from './redis';

let redis: RedisServer;
const open: { registry: RedisRoomRegistry; client: RedisClient }[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const { registry, client } of open.splice(0)) {
    await registry.close();
    if (client.isOpen) client.destroy();
  }
});

async function registry(nodeId: string, timing = { heartbeatMs: 100, nodeTtlMs: 400 }) {
  const client = newRedisClient(redis.url, false);
  client.on('error', () => {});
  await client.connect();
  const r = new RedisRoomRegistry(client, { nodeId, ...timing });
  open.push({ registry: r, client });
  return r;
}

let serial = 0;
function member(name: string, media = CAMERA_ON): Member {
  serial += 1;
  return {
    id: `member-${serial}-${name}`,
    displayName: name,
    media,
    joinedAt: 1_700_000_000_000 + serial,
  };
}

describe('RedisRoomRegistry', () => {
  it('joins, lists, updates and leaves like the memory registry', async () => {
    const r = await registry('node-a');
    const roomId = newRoomId();
    const alice = member('Alice');
    const bob = member('Bob ✓ "quoted" | piped');
    expect(await r.join(roomId, alice, 8)).toEqual({ ok: true, others: [] });
    expect(await r.join(roomId, bob, 8)).toEqual({ ok: true, others: [alice] });
    expect(await r.members(roomId)).toEqual([alice, bob]);
    expect(await r.count(roomId)).toBe(2);
    expect(await r.get(roomId, bob.id)).toEqual(bob);
    await r.setMedia(roomId, bob.id, ALL_OFF);
    expect((await r.get(roomId, bob.id))?.media).toEqual(ALL_OFF);
    await r.setMedia(roomId, 'member-nobody', ALL_OFF);
    expect(await r.get(roomId, 'member-nobody')).toBeUndefined();
    expect(await r.leave(roomId, alice.id)).toEqual(alice);
    expect(await r.leave(roomId, alice.id)).toBeUndefined();
    expect(await r.leave(roomId, bob.id)).toEqual({ ...bob, media: ALL_OFF });
    expect(await r.count(roomId)).toBe(0);
    expect(await r.members(roomId)).toEqual([]);
  });

  it('refuses a join when the room holds `capacity` others, but lets a member re-join', async () => {
    const r = await registry('node-a');
    const roomId = newRoomId();
    const [a, b, c] = [member('A'), member('B'), member('C')];
    expect((await r.join(roomId, a, 2)).ok).toBe(true);
    expect((await r.join(roomId, b, 2)).ok).toBe(true);
    expect(await r.join(roomId, c, 2)).toEqual({ ok: false, reason: 'full' });
    expect(await r.join(roomId, { ...a, displayName: 'A again' }, 2)).toEqual({
      ok: true,
      others: [b],
    });
    expect(await r.count(roomId)).toBe(2);
  });

  it('enforces capacity atomically across nodes joining at once', async () => {
    const nodes = await Promise.all(['node-a', 'node-b', 'node-c'].map((id) => registry(id)));
    const roomId = newRoomId();
    const attempts = Array.from({ length: 30 }, (_, i) =>
      nodes[i % nodes.length]!.join(roomId, member(`P${i}`), 5),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(await nodes[0]!.count(roomId)).toBe(5);
  });

  it('counts rooms and members across nodes', async () => {
    const a = await registry('node-a');
    const b = await registry('node-b');
    const before = await a.stats();
    const [r1, r2] = [newRoomId(), newRoomId()];
    await a.join(r1, member('A'), 8);
    await b.join(r1, member('B'), 8);
    await b.join(r2, member('C'), 8);
    expect(await a.stats()).toEqual({ rooms: before.rooms + 2, members: before.members + 3 });
  });

  it('sweeps the members of a node whose heartbeat stopped, telling one live node', async () => {
    const a = await registry('node-a');
    const b = await registry('node-b');
    const swept: string[] = [];
    a.attach({ isLocal: () => true, onSwept: (roomId, id) => swept.push(`${roomId} ${id}`) });
    const roomId = newRoomId();
    const alice = member('Alice');
    const bob = member('Bob');
    const carol = member('Carol');
    await a.join(roomId, alice, 8);
    await b.join(roomId, bob, 8);
    await b.join(roomId, carol, 8);
    // Carol's socket moved to node a (a resume there): she is a's now.
    await a.setMedia(roomId, carol.id, ALL_OFF);
    b.destroy();
    await waitUntil(async () => (await a.count(roomId)) === 2, 5000, 'bob swept');
    // Earlier tests' registries closed without leaving: their members are swept too.
    expect(swept.filter((s) => s.startsWith(roomId))).toEqual([`${roomId} ${bob.id}`]);
    expect((await a.members(roomId)).map((m) => m.id)).toEqual([alice.id, carol.id]);
  });

  it('leaves a live node alone', async () => {
    const a = await registry('node-a');
    const b = await registry('node-b');
    const roomId = newRoomId();
    const bob = member('Bob');
    await b.join(roomId, bob, 8);
    for (let i = 0; i < 5; i += 1) expect(await a.sweep()).toEqual([]);
    expect(await a.get(roomId, bob.id)).toEqual(bob);
  });

  it('writes back the members it holds after Redis restarts empty', async () => {
    const a = await registry('node-a');
    const roomId = newRoomId();
    const alice = member('Alice');
    const gone = member('Gone');
    let local = new Set([alice.id, gone.id]);
    a.attach({ isLocal: (id) => local.has(id), onSwept: () => {} });
    await a.join(roomId, alice, 8);
    await a.join(roomId, gone, 8);
    local = new Set([alice.id]); // gone's socket has moved away meanwhile
    await redis.kill();
    await waitUntil(() => !a.isReady(), 5000, 'registry notices');
    await expect(a.count(roomId)).rejects.toThrow();
    await redis.spawn();
    await waitUntil(
      async () => a.isReady() && (await a.count(roomId).catch(() => 0)) === 1,
      10_000,
      'member restored',
    );
    expect(await a.members(roomId)).toEqual([alice]);
    const bob = member('Bob');
    expect(await a.join(roomId, bob, 8)).toEqual({ ok: true, others: [alice] });
  });
});
