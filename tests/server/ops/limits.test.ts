/**
 * Abuse limits: per-socket message rate with a burst for ICE storms, per-IP
 * connections per minute, per-IP misses (peeks and entries that find an empty
 * room; entries into occupied rooms do not count), the origin check, frame size.
 */
import { io as connectClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, LIMITS } from '@/lib/protocol';
import type { RateLimits } from '@/server/ops/config';
import {
  CANDIDATE,
  enter,
  expectRefused,
  newRoomId,
  once,
  pair,
  relayOffer,
  request,
  startServer,
  WAIT_MS,
  type ClientSocket,
  type TestServer,
} from '../helpers';

let server: TestServer | undefined;
const extra: ClientSocket[] = [];

afterEach(async () => {
  for (const socket of extra.splice(0)) socket.disconnect();
  await server?.close();
  server = undefined;
});

const GENEROUS: RateLimits = {
  messagesPerSecond: 100_000,
  messageBurst: 100_000,
  connectionsPerMinute: 1_000_000,
  entriesPerMinute: 1_000_000,
  passcodeAttemptsPerMinute: 1_000_000,
  passcodeRoomAttemptsPerMinute: 1_000_000,
};

async function start(limits: Partial<RateLimits>, allowedOrigins: string[] = []) {
  server = await startServer({
    config: { limits: { ...GENEROUS, ...limits }, allowedOrigins },
  });
  return server;
}

/** Connects with an Origin header; resolves true if the server accepted the connection. */
function connectsFrom(url: string, origin: string | undefined): Promise<boolean> {
  const socket: ClientSocket = connectClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: origin ? { origin } : {},
  });
  extra.push(socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer to connect')), WAIT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.once('connect_error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

describe('per-socket message rate', () => {
  it('refuses messages past the burst with rate-limited, and only for that socket', async () => {
    const s = await start({ messagesPerSecond: 1, messageBurst: 20 });
    const { a, b, aId, bId } = await pair(s);
    // pair() used 1 message of a's burst (room-enter).
    const results = await Promise.all(
      Array.from({ length: 40 }, () => request(a, 'ice', { to: bId, candidate: CANDIDATE })),
    );
    expect(results.slice(0, 19).every((r) => r.ok)).toBe(true);
    const limited = results.filter((r) => !r.ok);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) expectRefused(r, ErrorCode.RateLimited);
    await relayOffer(b, bId, a, aId);
  });

  it('lets an ICE storm within the default burst through', async () => {
    const s = await start({ messagesPerSecond: 50, messageBurst: 300 });
    const { a, bId } = await pair(s);
    const results = await Promise.all(
      Array.from({ length: 250 }, () => request(a, 'ice', { to: bId, candidate: CANDIDATE })),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('answers unknown events with an error ack, also counted against the rate', async () => {
    const s = await start({ messagesPerSecond: 1, messageBurst: 2 });
    const a = await s.connect();
    const loose = a as unknown as {
      timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
    };
    const first = await loose.timeout(WAIT_MS).emitWithAck('no-such-event', { x: 1 });
    expectRefused(first, ErrorCode.BadRequest);
    await loose.timeout(WAIT_MS).emitWithAck('no-such-event');
    expectRefused(await loose.timeout(WAIT_MS).emitWithAck('no-such-event'), ErrorCode.RateLimited);
  });
});

describe('per-IP limits', () => {
  it('refuses connections past the per-minute limit', async () => {
    const s = await start({ connectionsPerMinute: 3 });
    for (let i = 0; i < 3; i += 1) expect(await connectsFrom(s.url, undefined)).toBe(true);
    expect(await connectsFrom(s.url, undefined)).toBe(false);
  });

  it('limits room entries and peeks per IP across connections, so ids cannot be enumerated', async () => {
    const s = await start({ entriesPerMinute: 4 });
    const a = await s.connect();
    const b = await s.connect();
    for (let i = 0; i < 3; i += 1) {
      expect((await request(a, 'room-peek', { roomId: newRoomId() })).ok).toBe(true);
    }
    await enter(b, newRoomId(), 'Bob');
    const c = await s.connect();
    expectRefused(await request(c, 'room-peek', { roomId: newRoomId() }), ErrorCode.RateLimited);
    const refused = await request(c, 'room-enter', {
      roomId: newRoomId(),
      displayName: 'Carol',
      media: { camera: false, mic: false, screen: false },
    });
    expectRefused(refused, ErrorCode.RateLimited);
  });
});

describe('origin check', () => {
  it("allows the page's own origin and non-browser clients, refuses other sites", async () => {
    const s = await start({});
    expect(await connectsFrom(s.url, s.url)).toBe(true);
    expect(await connectsFrom(s.url, undefined)).toBe(true);
    expect(await connectsFrom(s.url, 'https://evil.example')).toBe(false);
    expect(await connectsFrom(s.url, s.url.replace('127.0.0.1', 'localhost'))).toBe(false);
    expect(await connectsFrom(s.url, 'null')).toBe(false);
  });

  it('with ALLOWED_ORIGINS, allows exactly those', async () => {
    const s = await start({}, ['https://meet.example.org']);
    expect(await connectsFrom(s.url, 'https://meet.example.org')).toBe(true);
    expect(await connectsFrom(s.url, 'https://meet.example.org.evil.example')).toBe(false);
    expect(await connectsFrom(s.url, s.url)).toBe(false);
  });
});

describe('frame size', () => {
  it('relays an SDP at the protocol limit (well above a real screen-share offer)', async () => {
    const s = await start({});
    const { a, b, aId, bId } = await pair(s);
    // Lines as long as a real SDP's (JSON escapes each CRLF into 4 bytes on the wire).
    const line = `a=candidate:${'1'.repeat(50)}\r\n`;
    const sdp = `v=0\r\n${line.repeat(Math.floor((LIMITS.sdp - 5) / line.length))}`;
    expect(sdp.length).toBeLessThanOrEqual(LIMITS.sdp);
    expect(sdp.length).toBeGreaterThan(LIMITS.sdp - 100);
    await relayOffer(a, aId, b, bId, sdp);
  });
});

describe('limits that spare the innocent (issue 13)', () => {
  it('cuts off a flood of peeks and entries into empty rooms, not a person joining an occupied room on the same address', async () => {
    const s = await start({ entriesPerMinute: 20 });
    // Someone's meeting, already going (its first entry was one miss).
    const host = await s.connect();
    const roomId = newRoomId();
    await enter(host, roomId, 'Host');
    // The flooder: many peeks and entries into random (empty) rooms from this address.
    const flooder = await s.connect();
    const peeks = await Promise.all(
      Array.from({ length: 60 }, () => request(flooder, 'room-peek', { roomId: newRoomId() })),
    );
    const entries = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const socket = await s.connect();
        extra.push(socket);
        return request(socket, 'room-enter', {
          roomId: newRoomId(),
          displayName: 'Flood',
          media: { camera: false, mic: false, screen: false },
        });
      }),
    );
    const refused = [...peeks, ...entries].filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThanOrEqual(70 - 19);
    for (const r of refused) {
      expect(expectRefused(r, ErrorCode.RateLimited).retryAfterMs).toBeGreaterThan(0);
    }
    // Still cut off: even a peek at the occupied room (a refusal only for empty rooms would tell).
    expectRefused(await request(flooder, 'room-peek', { roomId }), ErrorCode.RateLimited);
    // A person on the same address joins the occupied room.
    const person = await s.connect();
    const joined = once(host, 'peer-joined');
    const entered = await enter(person, roomId, 'Neighbour');
    expect((await joined).id).toBe(entered.selfId);
  });

  it('counts misses, not entries into rooms where people are', async () => {
    const s = await start({ entriesPerMinute: 3 });
    const host = await s.connect();
    const roomId = newRoomId();
    await enter(host, roomId, 'Host'); // miss 1
    for (let i = 0; i < 10; i += 1) {
      const socket = await s.connect();
      extra.push(socket);
      await enter(socket, roomId, `Guest ${i}`);
      socket.disconnect();
    }
    const a = await s.connect();
    expect((await request(a, 'room-peek', { roomId: newRoomId() })).ok).toBe(true); // miss 2
    expect((await request(a, 'room-peek', { roomId: newRoomId() })).ok).toBe(true); // miss 3
    expectRefused(await request(a, 'room-peek', { roomId: newRoomId() }), ErrorCode.RateLimited);
  });
});
