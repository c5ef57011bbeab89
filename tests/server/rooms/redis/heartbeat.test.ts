/**
 * NodeHeartbeat against a real redis-server: nothing runs before start(), the
 * heartbeat key lives while it runs, members of a node whose heartbeat stopped
 * are swept by a live node (reported once), a live node is left alone.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NodeHeartbeat, type RedisRoomRegistry } from '@/server/rooms/redis';
import { ALL_OFF, newRoomId } from '../../helpers';
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

const FAST = { heartbeatMs: 100, nodeTtlMs: 400 };

function heartbeatOf(
  registry: RedisRoomRegistry,
  onSwept: (roomId: string, memberId: string) => void = () => {},
): NodeHeartbeat {
  const heartbeat = new NodeHeartbeat(
    registry.client,
    registry.keys,
    { onSwept, onReconnected: async () => 0 },
    FAST,
  );
  pool.onClose(() => heartbeat.stop());
  return heartbeat;
}

describe('NodeHeartbeat', () => {
  it('does nothing until start(), keeps the heartbeat key alive until stop()', async () => {
    const a = await pool.registry('node-hb-start');
    const heartbeat = heartbeatOf(a);
    expect(heartbeat.running).toBe(false);
    expect(await a.client.exists(a.keys.node())).toBe(0);
    heartbeat.start();
    heartbeat.start(); // idempotent: one timer
    expect(heartbeat.running).toBe(true);
    await waitUntil(async () => (await a.client.exists(a.keys.node())) === 1, 5000, 'heartbeat');
    heartbeat.stop();
    expect(heartbeat.running).toBe(false);
    await waitUntil(
      async () => (await a.client.exists(a.keys.node())) === 0,
      5000,
      'heartbeat key expired after stop',
    );
  });

  it('sweeps the members of a node whose heartbeat stopped, telling one live node', async () => {
    const a = await pool.registry('node-a');
    const b = await pool.registry('node-b');
    const swept: string[] = [];
    heartbeatOf(a, (roomId, id) => swept.push(`${roomId} ${id}`)).start();
    const bHeartbeat = heartbeatOf(b);
    bHeartbeat.start();
    const roomId = newRoomId();
    const alice = member('Alice');
    const bob = member('Bob');
    const carol = member('Carol');
    await a.join(roomId, alice, 8);
    await b.join(roomId, bob, 8);
    await b.join(roomId, carol, 8);
    // Carol's socket moved to node a (a resume there): she is a's now.
    await a.setMedia(roomId, carol.id, ALL_OFF);
    bHeartbeat.stop();
    b.destroy();
    await waitUntil(async () => (await a.count(roomId)) === 2, 5000, 'bob swept');
    // Earlier tests' registries closed without leaving: their members are swept too.
    expect(swept.filter((s) => s.startsWith(roomId))).toEqual([`${roomId} ${bob.id}`]);
    expect((await a.members(roomId)).map((m) => m.id)).toEqual([alice.id, carol.id]);
  });

  it('leaves a live node alone', async () => {
    const a = await pool.registry('node-a');
    const b = await pool.registry('node-b');
    heartbeatOf(b).start();
    const roomId = newRoomId();
    const bob = member('Bob');
    await b.join(roomId, bob, 8);
    await waitUntil(async () => (await b.client.exists(b.keys.node())) === 1, 5000, 'b beats');
    const aHeartbeat = heartbeatOf(a);
    for (let i = 0; i < 5; i += 1) expect(await aHeartbeat.sweep()).toEqual([]);
    expect(await a.get(roomId, bob.id)).toEqual(bob);
  });
});
