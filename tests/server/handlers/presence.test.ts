/**
 * Presence grace and resume tokens: a closed socket keeps its seat for
 * `presenceGraceMs`; a reconnect with the resume token takes the same seat
 * back silently (same participant id, no leave, no join); after the grace the
 * others are told. Tokens are bound to the room and signed with the session
 * secret, so they survive a server restart and cannot be forged or moved.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
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
  relayOffer,
  request,
  SESSION_SECRET,
  startServer,
  type StartOptions,
  type TestServer,
} from '../helpers';

/** Long enough that a reconnect on a busy machine lands well inside it. */
const GRACE_MS = 1500;

/**
 * Resolves once the server's grace check for a participant has run and been
 * acted on (the look-up of sockets holding its seat). It observes the real
 * adapter and changes nothing about what the server does.
 */
function graceCheckRan(server: TestServer, participantId: string): Promise<void> {
  const adapter = server.io.of('/').adapter;
  const original = adapter.fetchSockets.bind(adapter);
  return new Promise((resolve) => {
    adapter.fetchSockets = async (opts) => {
      const sockets = await original(opts);
      if (opts.rooms.has(`p:${participantId}`)) {
        adapter.fetchSockets = original;
        // Let the handler act on the answer before the test looks.
        setImmediate(resolve);
      }
      return sockets;
    };
  });
}

/** Resolves once the server has handled the close of the socket holding this participant. */
function closedOnServer(server: TestServer, participantId: string): Promise<void> {
  const socket = [...server.io.of('/').sockets.values()].find(
    (s) => s.data.participantId === participantId,
  );
  if (!socket) throw new Error(`no socket holds ${participantId}`);
  return new Promise((resolve) => socket.once('disconnect', () => resolve()));
}

describe('presence grace and resume', () => {
  const servers: TestServer[] = [];
  const start = async (options: StartOptions = {}) => {
    const server = await startServer(options);
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  describe('a closed socket', () => {
    it('keeps its seat for the grace, then is announced as disconnected', async () => {
      const server = await start({ config: { presenceGraceMs: 500 } });
      const { roomId, a, b, bId } = await pair(server);
      const left = once(a, 'peer-left', 5000);
      const closedAt = Date.now();
      b.disconnect();

      expect(await request(a, 'room-peek', { roomId })).toMatchObject({ count: 2 });
      expect(await left).toEqual({ id: bId, reason: 'disconnected' });
      expect(Date.now() - closedAt).toBeGreaterThanOrEqual(500 - 2);
      expect(await request(a, 'room-peek', { roomId })).toMatchObject({ count: 1 });
    });

    it('is announced at once with no grace', async () => {
      const server = await start({ config: { presenceGraceMs: 0 } });
      const { a, b, bId } = await pair(server);
      const left = once(a, 'peer-left', 1000);
      b.disconnect();
      expect(await left).toEqual({ id: bId, reason: 'disconnected' });
    });

    it('an explicit room-leave is announced at once, whatever the grace', async () => {
      const server = await start({ config: { presenceGraceMs: 60_000 } });
      const { a, b, bId } = await pair(server);
      const left = once(a, 'peer-left', 1000);
      await request(b, 'room-leave');
      expect(await left).toEqual({ id: bId, reason: 'left' });
    });

    it('keeps its place in a full room for the grace', async () => {
      const server = await start({ config: { presenceGraceMs: GRACE_MS, maxParticipants: 2 } });
      const { roomId, b, bId, bToken } = await pair(server);
      b.disconnect();
      const carol = await server.connect();
      const res = await request(carol, 'room-enter', {
        roomId,
        displayName: 'Carol',
        media: CAMERA_ON,
      });
      expectRefused(res, ErrorCode.RoomFull);

      const back = await server.connect();
      const resumed = await enter(back, roomId, 'Bob', CAMERA_ON, bToken);
      expect(resumed).toMatchObject({ selfId: bId, resumed: true });
    });
  });

  describe('a resume within the grace', () => {
    // The server's grace timers run on a fake clock here, so "within the grace"
    // and "after the grace" are exact; sockets and the network stay real.
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });

    afterEach(() => {
      vi.useRealTimers();
    });

    it('takes the same seat back without a leave or a join', async () => {
      const server = await start({ config: { presenceGraceMs: GRACE_MS } });
      const { roomId, a, b, aId, bId, bToken } = await pair(server);
      const aEvents = new EventRecorder(a);
      const closed = closedOnServer(server, bId);
      b.disconnect();
      await closed;

      const back = await server.connect();
      const mediaSeen = once(a, 'media-state');
      const resumed = await enter(back, roomId, 'Bob', ALL_OFF, bToken);
      expect(resumed).toMatchObject({
        selfId: bId,
        resumed: true,
        resumeToken: bToken,
        peers: [{ id: aId, displayName: 'Alice', media: CAMERA_ON }],
      });
      // The new media is told as a media change, not as a join.
      expect(await mediaSeen).toEqual({ from: bId, media: ALL_OFF });

      const checked = graceCheckRan(server, bId);
      vi.advanceTimersByTime(GRACE_MS);
      await checked;
      await barrier(a);
      expect(aEvents.of('peer-left')).toEqual([]);
      expect(aEvents.of('peer-joined')).toEqual([]);
      expect(await request(a, 'room-peek', { roomId })).toMatchObject({ count: 2 });
      await relayOffer(a, aId, back, bId);
      await relayOffer(back, bId, a, aId);
    });

    it('counts the grace from the latest close when a socket drops twice', async () => {
      const server = await start({ config: { presenceGraceMs: GRACE_MS } });
      const { roomId, a, b, bId, bToken } = await pair(server);
      const aEvents = new EventRecorder(a);
      const firstClose = closedOnServer(server, bId);
      b.disconnect();
      await firstClose;
      const back = await server.connect();
      expect(await enter(back, roomId, 'Bob', CAMERA_ON, bToken)).toMatchObject({ resumed: true });

      vi.advanceTimersByTime(GRACE_MS / 2);
      const secondClose = closedOnServer(server, bId);
      back.disconnect();
      await secondClose;

      // A full grace after the first close, but only half of one after the second.
      vi.advanceTimersByTime(GRACE_MS / 2);
      await barrier(a);
      expect(aEvents.of('peer-left')).toEqual([]);
      expect(await request(a, 'room-peek', { roomId })).toMatchObject({ count: 2 });

      const left = once(a, 'peer-left');
      vi.advanceTimersByTime(GRACE_MS / 2);
      expect(await left).toEqual({ id: bId, reason: 'disconnected' });
      await barrier(a);
      expect(aEvents.of('peer-left')).toHaveLength(1);
    });

    it('takes the seat over from a socket that is still open', async () => {
      const server = await start({ config: { presenceGraceMs: GRACE_MS } });
      const { roomId, a, b, aId, bId, bToken } = await pair(server);
      const aEvents = new EventRecorder(a);
      const oldClosed = disconnected(b);

      const other = await server.connect();
      const resumed = await enter(other, roomId, 'Bob', CAMERA_ON, bToken);
      expect(resumed).toMatchObject({ selfId: bId, resumed: true });
      expect(await oldClosed).toBe('io server disconnect');

      const checked = graceCheckRan(server, bId);
      vi.advanceTimersByTime(GRACE_MS);
      await checked;
      await barrier(a);
      expect(aEvents.of('peer-left')).toEqual([]);
      expect(aEvents.of('peer-joined')).toEqual([]);
      await relayOffer(a, aId, other, bId);
    });
  });

  it('a takeover with no grace is just as clean', async () => {
    const server = await start({ config: { presenceGraceMs: 0 } });
    const { roomId, a, b, aId, bId, bToken } = await pair(server);
    const aEvents = new EventRecorder(a);
    const checked = graceCheckRan(server, bId);

    const other = await server.connect();
    const otherEvents = new EventRecorder(other);
    const resumed = await enter(other, roomId, 'Bob', CAMERA_ON, bToken);
    expect(resumed).toMatchObject({ selfId: bId, resumed: true });
    await disconnected(b);

    await checked;
    await Promise.all([barrier(a), barrier(other)]);
    expect(aEvents.of('peer-left')).toEqual([]);
    expect(otherEvents.of('peer-left')).toEqual([]);
    expect(await request(a, 'room-peek', { roomId })).toMatchObject({ count: 2 });
    await relayOffer(a, aId, other, bId);
  });

  describe('a resume token', () => {
    it('after the grace, brings back the same id as a visible re-join', async () => {
      const server = await start({ config: { presenceGraceMs: 0 } });
      const { roomId, a, b, bId, bToken } = await pair(server);
      const left = once(a, 'peer-left');
      b.disconnect();
      await left;

      const joined = once(a, 'peer-joined');
      const back = await server.connect();
      const entered = await enter(back, roomId, 'Bob', CAMERA_ON, bToken);
      expect(entered).toMatchObject({ selfId: bId, resumed: false });
      expect(await joined).toMatchObject({ id: bId, displayName: 'Bob' });
    });

    it('is only good in its own room', async () => {
      const server = await start({ config: { presenceGraceMs: GRACE_MS } });
      const { b, bId, bToken } = await pair(server);
      const elsewhere = await server.connect();
      const entered = await enter(elsewhere, newRoomId(), 'Bob', CAMERA_ON, bToken);
      expect(entered.resumed).toBe(false);
      expect(entered.selfId).not.toBe(bId);
      expect(b.connected).toBe(true);
    });

    it('cannot be forged to take over someone else', async () => {
      const server = await start({ config: { presenceGraceMs: GRACE_MS } });
      const { roomId, a, b, aId, bId, bToken } = await pair(server);
      const bEvents = new EventRecorder(b);
      const signature = bToken.slice(bToken.indexOf('.') + 1);
      const forged = [
        `${aId}.${signature}`,
        `${aId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
        `${aId}.${createHmac('sha256', 'guessed').update(`${roomId}\n${aId}`).digest('base64url')}`,
        aId,
      ];
      for (const token of forged) {
        const mallory = await server.connect();
        const joined = once(a, 'peer-joined');
        const entered = await enter(mallory, roomId, 'Mallory', CAMERA_ON, token);
        expect(entered.resumed).toBe(false);
        expect([aId, bId]).not.toContain(entered.selfId);
        expect((await joined).id).toBe(entered.selfId);
        mallory.disconnect();
      }
      expect(a.connected).toBe(true);
      await barrier(b);
      expect(bEvents.of('peer-left').map((e) => e.id)).not.toContain(aId);
    });

    it('survives a server restart with the same session secret', async () => {
      const first = await start({ config: { sessionSecret: SESSION_SECRET } });
      const { roomId, aId, bId, aToken, bToken } = await pair(first);
      await first.close();

      const second = await start({ config: { sessionSecret: SESSION_SECRET } });
      const a = await second.connect();
      const b = await second.connect();
      expect(await enter(a, roomId, 'Alice', CAMERA_ON, aToken)).toMatchObject({
        selfId: aId,
        peers: [],
      });
      const joined = once(a, 'peer-joined');
      const bAgain = await enter(b, roomId, 'Bob', CAMERA_ON, bToken);
      expect(bAgain.selfId).toBe(bId);
      expect(bAgain.peers.map((p) => p.id)).toEqual([aId]);
      expect((await joined).id).toBe(bId);
      await relayOffer(a, aId, b, bId);
    });

    it('is worthless to a server with another session secret', async () => {
      const first = await start({ config: { sessionSecret: SESSION_SECRET } });
      const { roomId, aId, aToken } = await pair(first);
      await first.close();

      const second = await start({ config: { sessionSecret: 'a-different-secret-altogether' } });
      const a = await second.connect();
      const entered = await enter(a, roomId, 'Alice', CAMERA_ON, aToken);
      expect(entered.selfId).not.toBe(aId);
      expect(entered.resumed).toBe(false);
    });
  });

  describe('ice servers', () => {
    const turn = { urls: ['turn:turn.example.org:3478'], secret: 'coturn-secret', ttlSeconds: 600 };

    const expectTurnFor = (iceServers: unknown, participantId: string, before: number) => {
      const list = iceServers as { urls: string[]; username?: string; credential?: string }[];
      expect(list[0]).toEqual({ urls: ['stun:stun.example.org:3478'] });
      const relay = list[1];
      expect(relay.urls).toEqual(turn.urls);
      const [expiry, id] = (relay.username ?? '').split(':');
      expect(id).toBe(participantId);
      expect(Number(expiry)).toBeGreaterThanOrEqual(Math.floor(before / 1000) + turn.ttlSeconds);
      expect(Number(expiry)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + turn.ttlSeconds);
      expect(relay.credential).toBe(
        createHmac('sha1', turn.secret)
          .update(relay.username ?? '')
          .digest('base64'),
      );
    };

    it('the enter ack carries TURN credentials made for this participant', async () => {
      const server = await start({ config: { turn } });
      const alice = await server.connect();
      const before = Date.now();
      const entered = await enter(alice, newRoomId(), 'Alice');
      expect(entered.iceTtlSeconds).toBe(600);
      expectTurnFor(entered.iceServers, entered.selfId, before);
    });

    it('ice-servers hands out fresh credentials to a member', async () => {
      const server = await start({ config: { turn } });
      const { a, aId } = await pair(server);
      const before = Date.now();
      const res = await request(a, 'ice-servers');
      if (!res.ok) throw new Error(res.error.message);
      expect(res.iceTtlSeconds).toBe(600);
      expectTurnFor(res.iceServers, aId, before);
    });

    it('ice-servers without TURN gives just the STUN servers', async () => {
      const server = await start();
      const { a } = await pair(server);
      expect(await request(a, 'ice-servers')).toEqual({
        ok: true,
        iceServers: [{ urls: ['stun:stun.example.org:3478'] }],
        iceTtlSeconds: null,
      });
    });

    it('ice-servers is refused outside a room with not-in-room', async () => {
      const server = await start({ config: { turn } });
      const stranger = await server.connect();
      expectRefused(await request(stranger, 'ice-servers'), ErrorCode.NotInRoom);
    });
  });
});
