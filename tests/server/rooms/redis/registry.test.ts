/**
 * The Redis room registry against a real redis-server: the same behaviour as
 * the memory registry, joins atomic across registries (nodes). The sweep of
 * dead nodes is in heartbeat.test.ts, the write-back after a Redis restart in
 * restore.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALL_OFF, newRoomId } from '../../helpers';
import { RedisServer } from '../../redis';
import { member, RegistryPool } from './fixtures';

let redis: RedisServer;
let pool: RegistryPool;

beforeAll(async () => {
  redis = await RedisServer.start();
  pool = new RegistryPool(redis);
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(() => pool.closeAll());

const registry = (nodeId: string) => pool.registry(nodeId);

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
});
