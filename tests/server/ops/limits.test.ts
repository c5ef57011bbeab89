/**
 * Abuse limits: per-socket message rate with a burst for ICE storms, per-IP
 * connections and room entries per minute, the origin check, frame size.
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
