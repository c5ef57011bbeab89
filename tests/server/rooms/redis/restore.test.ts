/**
 * Restoring this node's seats after Redis lost its state: restoreSeats on its
 * own (only seats whose socket is still here), and the whole path through the
 * heartbeat when the real redis-server restarts empty (scripts re-loaded too).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHeartbeat, restoreSeats } from '@/server/rooms/redis';
import { newRoomId } from '../../helpers';
import { RedisServer, waitUntil } from '../../redis';
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

describe('restoreSeats', () => {
  it('writes back the seats whose socket is still here and forgets the others', async () => {
    const a = await pool.registry('node-restore');
    const roomId = newRoomId();
    const [alice, gone] = [member('Alice'), member('Gone')];
    await a.join(roomId, alice, 8);
    await a.join(roomId, gone, 8);
    await a.client.del(a.keys.room(roomId)); // as if Redis lost the room
    expect(await restoreSeats(a, (id) => id === alice.id)).toBe(1);
    expect(await a.members(roomId)).toEqual([alice]);
    expect(a.heldSeats().map((s) => s.member.id)).toEqual([alice.id]);
    expect(await restoreSeats(a, () => true)).toBe(1); // idempotent
    expect(await a.count(roomId)).toBe(1);
  });
});

describe('after a Redis restart', () => {
  it('writes back the members it holds after Redis restarts empty', async () => {
    const a = await pool.registry('node-a');
    const roomId = newRoomId();
    const alice = member('Alice');
    const gone = member('Gone');
    let local = new Set([alice.id, gone.id]);
    const heartbeat = createHeartbeat(
      a,
      { isLocal: (id) => local.has(id), onSwept: () => {} },
      { heartbeatMs: 100, nodeTtlMs: 400 },
    );
    pool.onClose(() => heartbeat.stop());
    heartbeat.start();
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
