import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, LIMITS } from '@/lib/protocol';
import {
  ALL_OFF,
  barrier,
  CAMERA_ON,
  disconnected,
  enter,
  EventRecorder,
  expectRefused,
  newRoomId,
  once,
  pair,
  rawRequest,
  request,
  startServer,
  until,
  STUN_URL,
  type ClientSocket,
  type TestServer,
} from '../helpers';

describe('room handlers', () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startServer();
  });

  afterEach(async () => {
    await server.close();
  });

  const peek = async (socket: ClientSocket, roomId: string) => {
    const res = await request(socket, 'room-peek', { roomId });
    if (!res.ok) throw new Error(res.error.message);
    return res.count;
  };

  describe('room-enter', () => {
    it('tells the first person they are alone, with ice servers and capacity', async () => {
      const alice = await server.connect();
      const entered = await enter(alice, newRoomId(), 'Alice');
      expect(entered).toEqual({
        ok: true,
        selfId: expect.stringMatching(/^[A-Za-z0-9_-]{8,40}$/),
        resumeToken: expect.any(String),
        resumed: false,
        peers: [],
        iceServers: [{ urls: [STUN_URL] }],
        iceTtlSeconds: null,
        capacity: 8,
      });
      expect(entered.resumeToken.startsWith(`${entered.selfId}.`)).toBe(true);
    });

    it('lists who is already there with their display name and media', async () => {
      const roomId = newRoomId();
      const [alice, bob, carol] = await Promise.all([
        server.connect(),
        server.connect(),
        server.connect(),
      ]);
      const aliceId = (await enter(alice, roomId, 'Alice', CAMERA_ON)).selfId;
      const bobId = (await enter(bob, roomId, 'Bob', ALL_OFF)).selfId;
      const entered = await enter(carol, roomId, 'Carol');

      expect(entered.selfId).not.toBe(aliceId);
      expect(entered.selfId).not.toBe(bobId);
      expect([...entered.peers].sort((x, y) => x.joinedAt - y.joinedAt)).toEqual([
        { id: aliceId, displayName: 'Alice', media: CAMERA_ON, joinedAt: expect.any(Number) },
        { id: bobId, displayName: 'Bob', media: ALL_OFF, joinedAt: expect.any(Number) },
      ]);
      expect(await peek(carol, roomId)).toBe(3);
    });

    it('gives every connection its own participant id', async () => {
      const roomId = newRoomId();
      const sockets = await Promise.all([1, 2, 3, 4].map(() => server.connect()));
      const ids = [];
      for (const [i, socket] of sockets.entries()) {
        ids.push((await enter(socket, roomId, `P${i}`)).selfId);
      }
      expect(new Set(ids).size).toBe(4);
    });

    it('announces the newcomer to the others with peer-joined, not to itself', async () => {
      const roomId = newRoomId();
      const alice = await server.connect();
      const bob = await server.connect();
      await enter(alice, roomId, 'Alice');
      const bobEvents = new EventRecorder(bob);
      const joined = once(alice, 'peer-joined');
      const bobId = (await enter(bob, roomId, 'Bob', ALL_OFF)).selfId;

      expect(await joined).toEqual({
        id: bobId,
        displayName: 'Bob',
        media: ALL_OFF,
        joinedAt: expect.any(Number),
      });
      await barrier(bob);
      expect(bobEvents.of('peer-joined')).toEqual([]);
    });

    it('does not announce a newcomer to people in other rooms', async () => {
      const elsewhere = await server.connect();
      await enter(elsewhere, newRoomId(), 'Elsewhere');
      const elsewhereEvents = new EventRecorder(elsewhere);

      await pair(server);
      await barrier(elsewhere);
      expect(elsewhereEvents.events).toEqual([]);
    });

    it('refuses a second room-enter on the same connection with already-in-room', async () => {
      const roomId = newRoomId();
      const alice = await server.connect();
      const selfId = (await enter(alice, roomId, 'Alice')).selfId;

      const again = await request(alice, 'room-enter', {
        roomId,
        displayName: 'Alice again',
        media: CAMERA_ON,
      });
      expectRefused(again, ErrorCode.AlreadyInRoom);
      const other = await request(alice, 'room-enter', {
        roomId: newRoomId(),
        displayName: 'Alice',
        media: CAMERA_ON,
      });
      expectRefused(other, ErrorCode.AlreadyInRoom);
      expect(await peek(alice, roomId)).toBe(1);

      // Still the same participant: a newcomer sees exactly one Alice.
      const bob = await server.connect();
      const entered = await enter(bob, roomId, 'Bob');
      expect(entered.peers.map((p) => p.id)).toEqual([selfId]);
    });

    it('refuses two room-enter requests sent back to back: exactly one wins', async () => {
      const roomId = newRoomId();
      const alice = await server.connect();
      const payload = { roomId, displayName: 'Alice', media: CAMERA_ON };
      const [first, second] = await Promise.all([
        request(alice, 'room-enter', payload),
        request(alice, 'room-enter', payload),
      ]);
      expect(first.ok).toBe(true);
      expectRefused(second, ErrorCode.AlreadyInRoom);
      expect(await peek(alice, roomId)).toBe(1);
    });

    it('refuses a full room with room-full and leaves the room as it was', async () => {
      await server.close();
      server = await startServer({ config: { maxParticipants: 2 } });
      const { roomId, a, b } = await pair(server);
      const aEvents = new EventRecorder(a);
      const bEvents = new EventRecorder(b);

      const carol = await server.connect();
      const res = await request(carol, 'room-enter', {
        roomId,
        displayName: 'Carol',
        media: CAMERA_ON,
      });
      const error = expectRefused(res, ErrorCode.RoomFull);
      expect(error.message).toContain('2');

      expect(await peek(carol, roomId)).toBe(2);
      await Promise.all([barrier(a), barrier(b)]);
      expect(aEvents.of('peer-joined')).toEqual([]);
      expect(bEvents.of('peer-joined')).toEqual([]);

      // The refused connection is not in any room, and may enter another one.
      expectRefused(await request(carol, 'media-state', ALL_OFF), ErrorCode.NotInRoom);
      const elsewhere = await enter(carol, newRoomId(), 'Carol');
      expect(elsewhere.capacity).toBe(2);
    });

    it('lets someone in once a full room has a free place again', async () => {
      await server.close();
      server = await startServer({ config: { maxParticipants: 2 } });
      const { roomId, a, b, aId } = await pair(server);
      const carol = await server.connect();
      const payload = { roomId, displayName: 'Carol', media: CAMERA_ON };
      expectRefused(await request(carol, 'room-enter', payload), ErrorCode.RoomFull);

      const left = once(a, 'peer-left');
      b.disconnect();
      await left;
      const entered = await enter(carol, roomId, 'Carol');
      expect(entered.peers.map((p) => p.id)).toEqual([aId]);
    });
  });

  describe('display names', () => {
    const cases: [label: string, input: string, stored: string][] = [
      ['surrounding spaces', '   Ada Lovelace   ', 'Ada Lovelace'],
      ['inner runs of spaces', 'Ada     Lovelace', 'Ada Lovelace'],
      ['control characters', 'Ada\u0000 \u0007Love\u001blace\u007f', 'Ada Lovelace'],
      ['bidi overrides and zero-width', '\u202eAda\u200b Lovelace\u2066', 'Ada Lovelace'],
      ['non-breaking spaces', '\u00a0Ada\u00a0\u00a0Lovelace\u00a0', 'Ada Lovelace'],
      ['tabs and newlines between words', 'Ada\tLovelace\r\nKing', 'Ada Lovelace King'],
      ['line and paragraph separators', 'Ada\u2028Lovelace\u2029King', 'Ada Lovelace King'],
      ['exactly 40 characters', 'x'.repeat(LIMITS.displayName), 'x'.repeat(LIMITS.displayName)],
      ['40 characters once trimmed', `  ${'y'.repeat(40)}  `, 'y'.repeat(40)],
      ['markup kept as text', '<b>Eve</b>', '<b>Eve</b>'],
      ['non-latin letters', '  Zoë 山田  ', 'Zoë 山田'],
    ];

    it.each(cases)('cleans %s', async (_label, input, stored) => {
      const roomId = newRoomId();
      const alice = await server.connect();
      const bob = await server.connect();
      await enter(alice, roomId, 'Alice');
      const joined = once(alice, 'peer-joined');
      await enter(bob, roomId, input);
      expect((await joined).displayName).toBe(stored);

      const carol = await server.connect();
      const entered = await enter(carol, roomId, 'Carol');
      expect(entered.peers.map((p) => p.displayName).sort()).toEqual(['Alice', stored].sort());
    });

    const refused: [label: string, input: string][] = [
      ['empty', ''],
      ['only spaces', '    '],
      ['only control and invisible characters', '\u0000\u0001\u200b\u202e\n\t'],
      ['41 characters', 'x'.repeat(LIMITS.displayName + 1)],
      ['41 characters once trimmed', ` ${'x'.repeat(41)} `],
      ['far too long', 'x'.repeat(5000)],
    ];

    it.each(refused)('refuses a name that is %s with bad-request', async (_label, input) => {
      const roomId = newRoomId();
      const alice = await server.connect();
      const res = await request(alice, 'room-enter', {
        roomId,
        displayName: input,
        media: CAMERA_ON,
      });
      const error = expectRefused(res, ErrorCode.BadRequest);
      expect(error.message).toContain('displayName');
      expect(await peek(alice, roomId)).toBe(0);
    });
  });

  describe('room-peek', () => {
    it('counts the people in a room without entering it', async () => {
      const { roomId, a } = await pair(server);
      const aEvents = new EventRecorder(a);
      const onlooker = await server.connect();

      expect(await request(onlooker, 'room-peek', { roomId })).toEqual({
        ok: true,
        count: 2,
        capacity: 8,
      });
      expect(await peek(onlooker, newRoomId())).toBe(0);
      await barrier(a);
      expect(aEvents.events).toEqual([]);
    });
  });

  describe('room-leave', () => {
    it("acks, tells the others with reason 'left', and empties the place", async () => {
      const { roomId, a, b, bId } = await pair(server);
      const bEvents = new EventRecorder(b);
      const left = once(a, 'peer-left');

      expect(await request(b, 'room-leave')).toEqual({ ok: true });
      expect(await left).toEqual({ id: bId, reason: 'left' });
      expect(await peek(a, roomId)).toBe(1);
      await barrier(b);
      expect(bEvents.of('peer-left')).toEqual([]);
    });

    it('stops relays to and from whoever left', async () => {
      const { a, b, aId, bId } = await pair(server);
      const left = once(a, 'peer-left');
      await request(b, 'room-leave');
      await left;

      const toLeaver = await request(a, 'sdp-offer', {
        to: bId,
        description: { type: 'offer', sdp: 'v=0' },
      });
      expectRefused(toLeaver, ErrorCode.UnknownPeer);
      const fromLeaver = await request(b, 'sdp-offer', {
        to: aId,
        description: { type: 'offer', sdp: 'v=0' },
      });
      expectRefused(fromLeaver, ErrorCode.NotInRoom);
    });

    it('refuses room-leave outside a room with not-in-room', async () => {
      const alice = await server.connect();
      expectRefused(await request(alice, 'room-leave'), ErrorCode.NotInRoom);

      const { b } = await pair(server);
      await request(b, 'room-leave');
      expectRefused(await request(b, 'room-leave'), ErrorCode.NotInRoom);
    });

    it('lets the same connection enter again, as a new participant', async () => {
      const { roomId, a, b, bId } = await pair(server);
      const left = once(a, 'peer-left');
      await request(b, 'room-leave');
      await left;

      const joined = once(a, 'peer-joined');
      const entered = await enter(b, roomId, 'Bob');
      expect(entered.selfId).not.toBe(bId);
      expect((await joined).id).toBe(entered.selfId);
      expect(entered.peers).toHaveLength(1);
    });
  });

  describe('disconnect', () => {
    it("tells the others with reason 'disconnected' and frees the place", async () => {
      const { roomId, a, b, bId } = await pair(server);
      const carol = await server.connect();
      await enter(carol, roomId, 'Carol');

      const aSaw = once(a, 'peer-left');
      const carolSaw = once(carol, 'peer-left');
      b.disconnect();
      expect(await aSaw).toEqual({ id: bId, reason: 'disconnected' });
      expect(await carolSaw).toEqual({ id: bId, reason: 'disconnected' });
      expect(await peek(a, roomId)).toBe(2);

      const relay = await request(a, 'ice', { to: bId, candidate: null });
      expectRefused(relay, ErrorCode.UnknownPeer);
    });

    it('drops the room once the last person is gone', async () => {
      const { roomId, a, b } = await pair(server);
      const onlooker = await server.connect();
      expect(await peek(onlooker, roomId)).toBe(2);

      const left = once(a, 'peer-left');
      b.disconnect();
      await left;
      expect(await peek(onlooker, roomId)).toBe(1);

      a.disconnect();
      await until(async () => (await peek(onlooker, roomId)) === 0);
      expect(await server.registry.stats()).toEqual({ rooms: 0, members: 0 });
    });

    it('cleans up when the server closes the connection', async () => {
      const { roomId, a, b, bId } = await pair(server);
      const left = once(a, 'peer-left');
      const gone = disconnected(b);
      const serverSide = [...server.io.of('/').sockets.values()].find(
        (s) => s.data.participantId === bId,
      );
      expect(serverSide).toBeDefined();
      serverSide?.disconnect(true);

      expect(await gone).toBe('io server disconnect');
      expect(await left).toEqual({ id: bId, reason: 'disconnected' });
      expect(await peek(a, roomId)).toBe(1);
    });

    it('does not announce a connection that never entered a room', async () => {
      const { a } = await pair(server);
      const aEvents = new EventRecorder(a);
      const onlooker = await server.connect();
      onlooker.disconnect();
      await barrier(a);
      expect(aEvents.events).toEqual([]);
    });
  });

  describe('media-state', () => {
    it('broadcasts to the others, not the sender, stamped with the sender id', async () => {
      const { roomId, a, b, bId } = await pair(server);
      const carol = await server.connect();
      await enter(carol, roomId, 'Carol');
      const bEvents = new EventRecorder(b);
      const screen = { camera: false, mic: true, screen: true };

      const aSaw = once(a, 'media-state');
      const carolSaw = once(carol, 'media-state');
      expect(await request(b, 'media-state', screen)).toEqual({ ok: true });
      expect(await aSaw).toEqual({ from: bId, media: screen });
      expect(await carolSaw).toEqual({ from: bId, media: screen });
      await barrier(b);
      expect(bEvents.of('media-state')).toEqual([]);
    });

    it('is stored, so a late joiner sees the latest media in its enter ack', async () => {
      const { roomId, a, b, aId, bId } = await pair(server);
      const seen = once(b, 'media-state');
      await request(a, 'media-state', { camera: false, mic: false, screen: true });
      await seen;
      await request(b, 'media-state', { camera: true, mic: false, screen: false });

      const late = await server.connect();
      const entered = await enter(late, roomId, 'Late');
      const byId = Object.fromEntries(entered.peers.map((p) => [p.id, p.media]));
      expect(byId).toEqual({
        [aId]: { camera: false, mic: false, screen: true },
        [bId]: { camera: true, mic: false, screen: false },
      });
    });

    it('does not reach other rooms', async () => {
      const first = await pair(server);
      const second = await pair(server);
      const otherEvents = new EventRecorder(second.a);
      const seen = once(first.b, 'media-state');
      await request(first.a, 'media-state', ALL_OFF);
      await seen;
      await barrier(second.a);
      expect(otherEvents.of('media-state')).toEqual([]);
    });

    it('is refused outside a room with not-in-room', async () => {
      const alice = await server.connect();
      expectRefused(await request(alice, 'media-state', ALL_OFF), ErrorCode.NotInRoom);
    });
  });

  it('treats an unknown resume token as a fresh entry', async () => {
    const alice = await server.connect();
    const res = await rawRequest(alice, 'room-enter', {
      roomId: newRoomId(),
      displayName: 'Alice',
      media: CAMERA_ON,
      resumeToken: 'not-a-real-token',
    });
    expect(res).toMatchObject({ ok: true, peers: [], resumed: false });
    expect((res as { selfId: string }).selfId).toMatch(/^[A-Za-z0-9_-]{8,40}$/);
  });
});
