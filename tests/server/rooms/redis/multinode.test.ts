/**
 * Two Parley nodes on two ports, sharing rooms through a real redis-server:
 * participants on different nodes meet, signal and leave; a node that dies
 * has its participants removed; a Redis restart is survived.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import {
  ANSWER_SDP,
  CANDIDATE,
  enter,
  expectRefused,
  guardProcess,
  newRoomId,
  once,
  relayOffer,
  request,
  type ClientSocket,
} from '../../helpers';
import { RedisServer, startNode, waitUntil, type TestNode } from '../../redis';

let redis: RedisServer;
let nodes: TestNode[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.close().catch(() => {})));
  nodes = [];
});

let serial = 0;
async function twoNodes(config = {}): Promise<[TestNode, TestNode]> {
  serial += 1;
  const one = await startNode(redis.url, { nodeId: `one-${serial}`, config });
  const two = await startNode(redis.url, { nodeId: `two-${serial}`, config });
  nodes.push(one, two);
  return [one, two];
}

/** Alice on node one, Bob on node two, both in one room. */
async function pairAcross(one: TestNode, two: TestNode) {
  const roomId = newRoomId();
  const a = await one.connect();
  const b = await two.connect();
  const aId = (await enter(a, roomId, 'Alice')).selfId;
  const joined = once(a, 'peer-joined');
  const entered = await enter(b, roomId, 'Bob');
  expect((await joined).id).toBe(entered.selfId);
  expect(entered.peers.map((p) => p.id)).toEqual([aId]);
  return { roomId, a, b, aId, bId: entered.selfId };
}

describe('several nodes on Redis', () => {
  it('lets participants on different nodes meet and exchange offer, answer and ice', async () => {
    const [one, two] = await twoNodes();
    const { a, b, aId, bId } = await pairAcross(one, two);
    await relayOffer(b, bId, a, aId);
    const answer = once(b, 'sdp-answer');
    expect(
      await request(a, 'sdp-answer', { to: bId, description: { type: 'answer', sdp: ANSWER_SDP } }),
    ).toEqual({ ok: true });
    expect(await answer).toMatchObject({ from: aId, to: bId, description: { sdp: ANSWER_SDP } });
    const ice = once(a, 'ice');
    expect(await request(b, 'ice', { to: aId, candidate: CANDIDATE })).toEqual({ ok: true });
    expect(await ice).toEqual({ from: bId, to: aId, candidate: CANDIDATE });
    const media = once(b, 'media-state');
    await request(a, 'media-state', { camera: false, mic: true, screen: false });
    expect(await media).toEqual({ from: aId, media: { camera: false, mic: true, screen: false } });
    const left = once(a, 'peer-left');
    expect(await request(b, 'room-leave')).toEqual({ ok: true });
    expect(await left).toEqual({ id: bId, reason: 'left' });
  });

  it('announces a closed socket on one node to the room on the other', async () => {
    const [one, two] = await twoNodes();
    const { a, b, bId } = await pairAcross(one, two);
    const left = once(a, 'peer-left');
    b.disconnect();
    expect(await left).toEqual({ id: bId, reason: 'disconnected' });
  });

  it('enforces room capacity across nodes', async () => {
    const [one, two] = await twoNodes({ maxParticipants: 2 });
    const { roomId } = await pairAcross(one, two);
    const c = await two.connect();
    const res = await request(c, 'room-enter', {
      roomId,
      displayName: 'Carol',
      media: { camera: true, mic: true, screen: false },
    });
    expectRefused(res, ErrorCode.RoomFull);
  });

  it('lets a participant resume its seat on the other node with its token', async () => {
    const [one, two] = await twoNodes();
    const roomId = newRoomId();
    const a = await one.connect();
    const b = await two.connect();
    const aId = (await enter(a, roomId, 'Alice')).selfId;
    const first = await enter(b, roomId, 'Bob');
    const moved = await one.connect();
    const again = await enter(moved, roomId, 'Bob', undefined, first.resumeToken);
    expect(again).toMatchObject({ selfId: first.selfId, resumed: true });
    await relayOffer(a, aId, moved, first.selfId);
  });

  it('removes the participants of a node that dies, as seen from the other node', async () => {
    const guard = guardProcess();
    try {
      const [one, two] = await twoNodes();
      const { roomId, a, bId } = await pairAcross(one, two);
      const left = once(a, 'peer-left', 10_000);
      const diedAt = Date.now();
      await two.crash();
      expect(await left).toEqual({ id: bId, reason: 'disconnected' });
      expect(Date.now() - diedAt).toBeLessThan(30_000);
      expect((await one.registry.members(roomId)).map((m) => m.id)).not.toContain(bId);
      expect(one.log.errors).toEqual([]);
    } finally {
      guard.dispose();
    }
  });

  it('survives a Redis restart: reconnects and the room works after', async () => {
    const [one, two] = await twoNodes();
    const { roomId, a, b, aId, bId } = await pairAcross(one, two);
    await redis.kill();
    await waitUntil(() => !one.registry.isReady() && !two.registry.isReady(), 5000, 'outage seen');
    const refused = await request(a, 'sdp-offer', {
      to: bId,
      description: { type: 'offer', sdp: 'v=0\r\n' },
    });
    expectRefused(refused, ErrorCode.Internal);
    await redis.spawn();
    await waitUntil(
      async () =>
        one.redis.isReady() &&
        two.redis.isReady() &&
        (await one.registry.count(roomId).catch(() => 0)) === 2,
      15_000,
      'both nodes reconnected and members restored',
    );
    await relayOffer(a, aId, b, bId);
    await relayOffer(b, bId, a, aId);
    const c: ClientSocket = await two.connect();
    const joined = once(a, 'peer-joined');
    const entered = await enter(c, roomId, 'Carol');
    expect(entered.peers.map((p) => p.id).sort()).toEqual([aId, bId].sort());
    expect((await joined).displayName).toBe('Carol');
  });
});
