// JanusSfu against a real Janus: private rooms, feed ids from the server, cleanup.
import Janode from 'janode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JanusSfu, roomCredentials } from '@/server/sfu';
import { JanusServer } from '../../support/janus';
import { connectSfu, janusErrorCode, newRoomId, outsider, ROOM_SECRET } from './support';

let janus: JanusServer;
let sfu: JanusSfu;
let other: Awaited<ReturnType<typeof outsider>>;

beforeAll(async () => {
  janus = await JanusServer.start();
  sfu = await connectSfu(janus);
  other = await outsider(janus);
});

afterAll(async () => {
  await other?.connection.close().catch(() => {});
  await sfu?.close();
  await janus?.stop();
});

describe('ensureRoom', () => {
  it('creates a private room: unlisted, joined only with its pin, destroyed only with its secret', async () => {
    const roomId = newRoomId();
    await sfu.ensureRoom(roomId);
    expect(await sfu.roomExists(roomId)).toBe(true);

    const { handle } = other;
    const listed = await handle.list({});
    expect(listed.list.map((r) => r.room)).not.toContain(roomId);
    const withKey = await handle.list({ admin_key: janus.adminKey });
    expect(withKey.list.find((r) => r.room === roomId)).toMatchObject({
      is_private: true,
      pin_required: true,
      max_publishers: 30,
      require_pvtid: true,
    });

    expect(await janusErrorCode(handle.joinPublisher({ room: roomId, feed: 'x' }))).toBe(429);
    const wrongPin = handle.joinPublisher({ room: roomId, feed: 'x', pin: 'guess' });
    expect(await janusErrorCode(wrongPin)).toBe(433);
    expect(await janusErrorCode(handle.destroy({ room: roomId }))).toBe(429);
    expect(await janusErrorCode(handle.destroy({ room: roomId, secret: 'guess' }))).toBe(433);
    expect(await sfu.roomExists(roomId)).toBe(true);
  });

  it('refuses to create rooms without the admin key, and sessions without the API secret', async () => {
    expect(await janusErrorCode(other.handle.create({ room: newRoomId() }))).toBe(429);
    const stranger = await Janode.connect({
      address: { url: janus.url, apisecret: 'not-the-secret' },
      max_retries: 0,
    });
    try {
      expect(await janusErrorCode(stranger.create())).toBe(403);
    } finally {
      await stranger.close();
    }
  });

  it('is idempotent, also across Parley nodes (same derived secret)', async () => {
    const roomId = newRoomId();
    const node2 = await connectSfu(janus);
    try {
      await sfu.ensureRoom(roomId);
      await sfu.ensureRoom(roomId);
      await node2.ensureRoom(roomId);
      const rooms = (await other.handle.list({ admin_key: janus.adminKey })).list;
      expect(rooms.filter((r) => r.room === roomId)).toHaveLength(1);
      await node2.destroyRoom(roomId);
      expect(await sfu.roomExists(roomId)).toBe(false);
    } finally {
      await node2.close();
    }
  });

  it('derives a different secret and pin per room', () => {
    const a = roomCredentials(ROOM_SECRET, 'aaaa-bbbb-cccc');
    const b = roomCredentials(ROOM_SECRET, 'aaaa-bbbb-cccd');
    expect(a.secret).not.toBe(b.secret);
    expect(a.pin).not.toBe(a.secret);
    expect(roomCredentials('another-server', 'aaaa-bbbb-cccc').secret).not.toBe(a.secret);
  });
});

describe('participants', () => {
  it("joins with the server's participant id as the feed id and the display name it was given", async () => {
    const roomId = newRoomId();
    const alice = await sfu.join({ roomId, participantId: 'p-alice', display: 'Alice' });
    expect(alice.publisher.feed).toBe('p-alice');
    const other = await outsider(janus);
    try {
      const { secret } = sfu.credentials(roomId);
      const { participants } = await other.handle.listParticipants({ room: roomId, secret });
      expect(participants).toEqual([{ feed: 'p-alice', display: 'Alice', publisher: false }]);
    } finally {
      await other.connection.close();
    }
    const bob = await sfu.join({ roomId, participantId: 'p-bob', display: 'Bob' });
    expect(bob.publisher.publishers).toEqual([]);
    expect((await sfu.listParticipants(roomId)).map((p) => p.feed).sort()).toEqual([
      'p-alice',
      'p-bob',
    ]);
    await sfu.destroyRoom(roomId);
  });

  it('refuses a duplicate feed id on this node; from another node (a seat that moved) it takes the feed over', async () => {
    const roomId = newRoomId();
    const first = await sfu.join({ roomId, participantId: 'p-1', display: 'One' });
    await expect(
      sfu.join({ roomId, participantId: 'p-1', display: 'Again' }),
    ).rejects.toMatchObject({ code: 'feed-taken' });
    const node2 = await connectSfu(janus);
    try {
      // Parley's registry gave the seat to node 2's socket: Janus's old feed is stale.
      const moved = await node2.join({ roomId, participantId: 'p-1', display: 'Moved' });
      expect(moved.id).toBe('p-1');
      const list = await sfu.listParticipants(roomId);
      expect(list.map((p) => p.feed)).toEqual(['p-1']);
      // The old node letting go later is quiet and leaves the new feed in place.
      await first.close();
      expect((await sfu.listParticipants(roomId)).map((p) => p.feed)).toEqual(['p-1']);
      await moved.close();
    } finally {
      await node2.close();
    }
    await sfu.destroyRoom(roomId);
  });

  it('releases what a participant holds when they leave; the id can be seated again', async () => {
    const roomId = newRoomId();
    await sfu.join({ roomId, participantId: 'p-a', display: 'A' });
    const b = await sfu.join({ roomId, participantId: 'p-b', display: 'B' });
    await sfu.leave(roomId, 'p-b');
    expect(b.isClosed).toBe(true);
    expect(sfu.participant(roomId, 'p-b')).toBeUndefined();
    expect(await sfu.listParticipants(roomId)).toEqual([{ feed: 'p-a', publisher: false }]);
    await sfu.leave(roomId, 'p-b');
    await sfu.join({ roomId, participantId: 'p-b', display: 'B' });
    expect((await sfu.listParticipants(roomId)).length).toBe(2);
    await sfu.destroyRoom(roomId);
  });

  it('destroyRoom closes every seat and removes the room; destroying again is fine', async () => {
    const roomId = newRoomId();
    const a = await sfu.join({ roomId, participantId: 'p-a', display: 'A' });
    await sfu.destroyRoom(roomId);
    expect(a.isClosed).toBe(true);
    expect(sfu.participant(roomId, 'p-a')).toBeUndefined();
    expect(await sfu.roomExists(roomId)).toBe(false);
    await sfu.destroyRoom(roomId);
    await expect(sfu.listParticipants(roomId)).rejects.toMatchObject({ code: 'no-such-room' });
  });

  it('a subscriber cannot subscribe to a feed that does not publish (428)', async () => {
    const roomId = newRoomId();
    const a = await sfu.join({ roomId, participantId: 'p-a', display: 'A' });
    await sfu.join({ roomId, participantId: 'p-b', display: 'B' });
    await expect(a.subscriber.subscribe(['p-b'])).rejects.toMatchObject({ code: 'no-such-feed' });
    await sfu.destroyRoom(roomId);
  });
});
