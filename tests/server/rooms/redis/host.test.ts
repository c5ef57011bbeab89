/**
 * Host controls across two Parley nodes sharing one real redis-server: the
 * room's control lives in Redis, kicks reach sockets on the other node, and the
 * per-address miss counters are shared.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type RoomEnter } from '@/lib/protocol';
import {
  CAMERA_ON,
  disconnected,
  enter,
  expectOk,
  expectRefused,
  newRoomId,
  once,
  request,
  type ClientSocket,
} from '../../helpers';
import { RedisServer, startNode, type TestNode } from '../../redis';

let redis: RedisServer;
let nodes: TestNode[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const node of nodes) expect(node.log.errors).toEqual([]);
  await Promise.all(nodes.map((n) => n.close().catch(() => {})));
  nodes = [];
});

let serial = 0;
async function twoNodes(config = {}): Promise<[TestNode, TestNode]> {
  serial += 1;
  const one = await startNode(redis.url, { nodeId: `host-a-${serial}`, config });
  const two = await startNode(redis.url, { nodeId: `host-b-${serial}`, config });
  nodes.push(one, two);
  return [one, two];
}

const payload = (roomId: string, displayName: string, extra: Partial<RoomEnter> = {}) => ({
  roomId,
  displayName,
  media: CAMERA_ON,
  ...extra,
});

async function createOn(node: TestNode) {
  const roomId = newRoomId();
  const socket = await node.connect();
  const res = expectOk(
    await request(socket, 'room-enter', payload(roomId, 'Hana', { create: true })),
  );
  if (!('selfId' in res) || !res.hostKey) throw new Error('expected a seat with a host key');
  return { roomId, socket, id: res.selfId, hostKey: res.hostKey };
}

describe('host controls on two nodes', () => {
  it('a host on node A removes someone on node B: their socket closes, their token is refused', async () => {
    const [a, b] = await twoNodes();
    const host = await createOn(a);
    const guest: ClientSocket = await b.connect();
    const entered = await enter(guest, host.roomId, 'Gus');
    const watcher = await b.connect();
    await enter(watcher, host.roomId, 'Wes');
    const removed = once(guest, 'removed');
    const closed = disconnected(guest);
    const left = once(watcher, 'peer-left');
    expect(
      await request(host.socket, 'remove-participant', { id: entered.selfId, lock: true }),
    ).toEqual({ ok: true });
    await removed;
    expect(await closed).toBe('io server disconnect');
    expect(await left).toEqual({ id: entered.selfId, reason: 'removed' });
    const again = await b.connect();
    const back = await request(
      again,
      'room-enter',
      payload(host.roomId, 'Gus', { resumeToken: entered.resumeToken }),
    );
    expectRefused(back, ErrorCode.Removed);
    expect(await b.registry.count(host.roomId)).toBe(2);
  });

  it('a lock set on node A holds on node B; a knock on B is admitted from A', async () => {
    const [a, b] = await twoNodes();
    const host = await createOn(a);
    expect(await request(host.socket, 'room-lock', { locked: true })).toEqual({ ok: true });
    const late = await b.connect();
    expectRefused(
      await request(late, 'room-enter', payload(host.roomId, 'Lou')),
      ErrorCode.RoomLocked,
    );
    await request(host.socket, 'room-lock', { locked: false });
    await request(host.socket, 'waiting-room', { on: true });
    const knocks = once(host.socket, 'knocks', 3000, (k) => k.knocks.length === 1);
    expect(await request(late, 'room-enter', payload(host.roomId, 'Lou'))).toEqual({
      ok: true,
      waiting: true,
    });
    const [knock] = (await knocks).knocks;
    const result = once(late, 'knock-result');
    expect(await request(host.socket, 'admit', { id: knock?.id })).toEqual({ ok: true });
    const { admission } = await result;
    const joined = once(host.socket, 'peer-joined');
    const seated = await request(late, 'room-enter', payload(host.roomId, 'Lou', { admission }));
    expect(seated).toMatchObject({ ok: true, selfId: expect.any(String) });
    expect((await joined).displayName).toBe('Lou');
  });

  it('hands host rights over across nodes, and ends the meeting on both', async () => {
    const [a, b] = await twoNodes();
    const host = await createOn(a);
    const next = await b.connect();
    const nextId = (await enter(next, host.roomId, 'Nia')).selfId;
    const third = await a.connect();
    await enter(third, host.roomId, 'Tom');
    const key = once(next, 'host-key');
    host.socket.disconnect();
    await key;
    const ended = [once(third, 'meeting-ended'), disconnected(third)];
    expect(await request(next, 'end-meeting')).toEqual({ ok: true });
    await Promise.all(ended);
    expect(await a.registry.count(host.roomId)).toBe(0);
    expect(nextId).toBeTruthy();
  });

  it('shares the per-address miss counters through Redis', async () => {
    const [a, b] = await twoNodes({
      limits: {
        messagesPerSecond: 1000,
        messageBurst: 1000,
        connectionsPerMinute: 1000,
        entriesPerMinute: 4,
        passcodeAttemptsPerMinute: 10,
        passcodeRoomAttemptsPerMinute: 30,
      },
    });
    // Other tests in this file used the same address: start from a clean counter.
    await a.redis.data.del('parley:attempts:miss:127.0.0.1');
    const onA = await a.connect();
    const onB = await b.connect();
    expect((await request(onA, 'room-peek', { roomId: newRoomId() })).ok).toBe(true);
    expect((await request(onB, 'room-peek', { roomId: newRoomId() })).ok).toBe(true);
    expect((await request(onA, 'room-peek', { roomId: newRoomId() })).ok).toBe(true);
    expect((await request(onB, 'room-peek', { roomId: newRoomId() })).ok).toBe(true);
    const error = expectRefused(
      await request(onA, 'room-peek', { roomId: newRoomId() }),
      ErrorCode.RateLimited,
    );
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
    await a.redis.data.del('parley:attempts:miss:127.0.0.1');
  });
});
