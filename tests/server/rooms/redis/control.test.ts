/**
 * A room's control (hosts, lock, waiting room) in Redis: compare-and-set
 * updates lose nothing when two nodes change it at once, and it is dropped
 * only with the last member, atomically with joins. The memory registry is
 * held to the same behaviour.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addHost, addKnock, emptyControl, handOver } from '@/server/rooms/control';
import { MemoryRoomRegistry, type RoomRegistry } from '@/server/rooms';
import { newRoomId } from '../../helpers';
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

async function pairOf(kind: 'redis' | 'memory'): Promise<[RoomRegistry, RoomRegistry]> {
  if (kind === 'memory') {
    const one = new MemoryRoomRegistry();
    return [one, one];
  }
  return [await pool.registry('ctl-a'), await pool.registry('ctl-b')];
}

describe.each(['redis', 'memory'] as const)('room control (%s)', (kind) => {
  it('loses no update when two nodes change it at once', async () => {
    const [a, b] = await pairOf(kind);
    const roomId = newRoomId();
    await a.updateControl(roomId, () => emptyControl());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).updateControl(roomId, (c) =>
          c ? addKnock(c, { id: `knock-${i}-xxxxxx`, displayName: `K${i}`, at: i }) : c,
        ),
      ),
    );
    expect((await b.control(roomId))?.knocks).toHaveLength(20);
  });

  it('is dropped only when the room is empty', async () => {
    const [a, b] = await pairOf(kind);
    const roomId = newRoomId();
    const alice = member('Alice');
    await a.join(roomId, alice, 8);
    await a.updateControl(roomId, () => addHost(emptyControl(), alice.id));
    expect(await b.dropControlIfEmpty(roomId)).toBeNull();
    expect((await b.control(roomId))?.hosts).toEqual([alice.id]);
    await b.leave(roomId, alice.id);
    expect((await a.dropControlIfEmpty(roomId))?.hosts).toEqual([alice.id]);
    expect(await a.control(roomId)).toBeNull();
  });
});

describe('handOver', () => {
  it('keeps seated hosts, else picks the one present longest', () => {
    const [x, y, z] = [member('X'), member('Y'), member('Z')];
    const c = addHost(addHost(emptyControl(), x.id), 'gone-000000');
    expect(handOver(c, [y, x, z]).hosts).toEqual([x.id]);
    expect(handOver(addHost(emptyControl(), 'gone-000000'), [z, y]).hosts).toEqual([y.id]);
    expect(handOver(emptyControl(), []).hosts).toEqual([]);
  });
});
