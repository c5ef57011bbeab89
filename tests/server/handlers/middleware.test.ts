/**
 * The middleware around every handler, on a real socket.io server on port 0:
 * rateLimit (per-socket message rate, per-IP room entries) and countMetrics
 * (relayed, entered, refused by event and code; unknown events as 'unknown').
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import type { ParleyServer } from '@/server/handlers';
import { bindHandlers, type EventHandlers, type Middleware } from '@/server/handlers/bind';
import { RequestError } from '@/server/handlers/context';
import { countMetrics, rateLimit } from '@/server/handlers/middleware';
import { Limiter } from '@/server/ops/limits';
import { Metrics } from '@/server/ops/metrics';
import {
  CAMERA_ON,
  connectTo,
  expectRefused,
  newRoomId,
  rawRequest,
  RecordingLogger,
  request,
  type ClientSocket,
} from '../helpers';

const open: { io: ParleyServer; clients: ClientSocket[] }[] = [];

afterEach(async () => {
  for (const { io, clients } of open.splice(0)) {
    for (const c of clients) c.disconnect();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  }
});

const okHandlers: EventHandlers = {
  async 'room-enter'() {
    return {
      selfId: 'self-0000001',
      resumeToken: 't',
      resumed: false,
      peers: [],
      iceServers: [],
      iceTtlSeconds: null,
      capacity: 8,
    };
  },
  async 'room-peek'() {
    return { count: 0, capacity: 8 };
  },
  async 'room-leave'() {},
  async 'ice-servers'() {
    return { iceServers: [], iceTtlSeconds: null };
  },
  async 'sdp-offer'() {},
  async 'sdp-answer'() {},
  async ice() {},
  async 'peer-error'() {},
  async 'media-state'() {},
  async chat() {
    throw new RequestError(ErrorCode.NotInRoom, 'enter a room first');
  },
  async 'sfu-publish'() {
    return { description: { type: 'answer', sdp: 'v=0' } };
  },
  async 'sfu-unpublish'() {},
  async 'sfu-answer'() {},
  async 'room-lock'() {},
  async 'waiting-room'() {},
  async admit() {},
  async deny() {},
  async 'remove-participant'() {},
  async 'ask-mute'() {},
  async 'ask-camera-off'() {},
  async 'make-host'() {},
  async 'set-passcode'() {},
  async 'end-meeting'() {},
};

async function serve(middleware: Middleware[]): Promise<ClientSocket> {
  const http = createServer();
  const io: ParleyServer = new Server(http);
  io.on('connection', (socket) =>
    bindHandlers(socket, new RecordingLogger(), okHandlers, middleware),
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const client = await connectTo(`http://127.0.0.1:${(http.address() as AddressInfo).port}`);
  open.push({ io, clients: [client] });
  return client;
}

const limits = (overrides: Partial<ConstructorParameters<typeof Limiter>[0]> = {}) =>
  new Limiter({
    messagesPerSecond: 1000,
    messageBurst: 1000,
    connectionsPerMinute: 1000,
    ...overrides,
  });

describe('rateLimit', () => {
  it('refuses events past the socket’s burst, whatever the event', async () => {
    const client = await serve([rateLimit(limits({ messageBurst: 2, messagesPerSecond: 1 }))]);
    expect(await request(client, 'media-state', CAMERA_ON)).toEqual({ ok: true });
    expect(await request(client, 'media-state', CAMERA_ON)).toEqual({ ok: true });
    const refused = expectRefused(
      await request(client, 'media-state', CAMERA_ON),
      ErrorCode.RateLimited,
    );
    expect(refused.message).toBe('media-state: too many messages, slow down');
    expectRefused(await rawRequest(client, 'no-such-event'), ErrorCode.RateLimited);
  });

  it('leaves room entries and peeks to the handlers: only the socket’s rate counts here', async () => {
    // Per-address limits count what entries find (empty rooms), so they live in
    // the room handlers (tests/server/ops/limits.test.ts), not in this middleware.
    const client = await serve([rateLimit(limits({ messageBurst: 50, messagesPerSecond: 1 }))]);
    const roomId = newRoomId();
    const enter = { roomId, displayName: 'Ann', media: CAMERA_ON };
    for (let i = 0; i < 20; i += 1) {
      expect((await request(client, 'room-peek', { roomId })).ok).toBe(true);
      expect((await request(client, 'room-enter', enter)).ok).toBe(true);
    }
  });
});

describe('countMetrics', () => {
  it('counts relayed events, entries and refusals by event and code', async () => {
    const metrics = new Metrics('node-m', {
      local: () => ({ rooms: 0, participants: 0 }),
      registry: async () => null,
    });
    const client = await serve([countMetrics(metrics)]);
    const roomId = newRoomId();
    await request(client, 'room-enter', { roomId, displayName: 'Ann', media: CAMERA_ON });
    await request(client, 'media-state', CAMERA_ON);
    await request(client, 'media-state', CAMERA_ON);
    await request(client, 'room-peek', { roomId });
    await request(client, 'chat', { text: 'hi' });
    await rawRequest(client, 'sdp-offer', { to: 'x' });
    await rawRequest(client, 'no-such-event');
    const values = async (counter: { get(): Promise<{ values: unknown[] }> }) =>
      (await counter.get()).values;
    expect(await values(metrics.joins)).toMatchObject([{ value: 1 }]);
    expect(await values(metrics.relayed)).toMatchObject([
      { labels: { event: 'media-state' }, value: 2 },
    ]);
    expect(await values(metrics.refused)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { event: 'chat', reason: 'not-in-room' }, value: 1 }),
        expect.objectContaining({
          labels: { event: 'sdp-offer', reason: 'bad-request' },
          value: 1,
        }),
        expect.objectContaining({ labels: { event: 'unknown', reason: 'bad-request' }, value: 1 }),
      ]),
    );
    expect(await values(metrics.refused)).toHaveLength(3);
  });
});
