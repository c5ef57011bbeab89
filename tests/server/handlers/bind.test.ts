/**
 * The typed handler pipeline (server/handlers/bind.ts) on a real socket.io
 * server on port 0 with real clients, with handlers and middleware of the
 * test's own: payloads reach handlers parsed by their clientSchemas entry,
 * results become acks, middleware runs around every event (unknown ones too)
 * and refuses by throwing, and nothing a handler throws escapes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, type ClientEventName } from '@/lib/protocol';
import type { ParleyServer } from '@/server/handlers';
import { bindHandlers, type EventHandlers, type Middleware } from '@/server/handlers/bind';
import { RequestError } from '@/server/handlers/context';
import {
  CAMERA_ON,
  connectTo,
  expectRefused,
  newRoomId,
  once,
  rawEmit,
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

/** Handlers that record their payloads and answer what the protocol allows. */
function recordingHandlers(seen: { event: ClientEventName; payload: unknown }[]): EventHandlers {
  const note = (event: ClientEventName, payload: unknown) => seen.push({ event, payload });
  return {
    async 'room-enter'(payload) {
      note('room-enter', payload);
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
    async 'room-peek'(payload) {
      note('room-peek', payload);
      return { count: 0, capacity: 8 };
    },
    async 'room-leave'(payload) {
      note('room-leave', payload);
    },
    async 'ice-servers'() {
      throw new Error('boom');
    },
    async 'sdp-offer'(payload) {
      note('sdp-offer', payload);
    },
    async 'sdp-answer'(payload) {
      note('sdp-answer', payload);
    },
    async ice(payload) {
      note('ice', payload);
    },
    async 'peer-error'(payload) {
      note('peer-error', payload);
    },
    async 'media-state'(payload) {
      note('media-state', payload);
    },
    async chat({ text }) {
      note('chat', text);
      throw new RequestError(ErrorCode.NotInRoom, 'enter a room first');
    },
    async 'sfu-publish'(payload) {
      note('sfu-publish', payload);
      return { description: { type: 'answer', sdp: 'v=0' } };
    },
    async 'sfu-unpublish'(payload) {
      note('sfu-unpublish', payload);
    },
    async 'sfu-answer'(payload) {
      note('sfu-answer', payload);
    },
    ...hostEventHandlers(note),
  };
}

/** The host events (issue 13): each records its payload and succeeds. */
function hostEventHandlers(
  note: (event: ClientEventName, payload: unknown) => void,
): Pick<EventHandlers, HostEvent> {
  const record =
    (event: HostEvent) =>
    async (payload: unknown): Promise<void> => {
      note(event, payload);
    };
  return {
    'room-lock': record('room-lock'),
    'waiting-room': record('waiting-room'),
    admit: record('admit'),
    deny: record('deny'),
    'remove-participant': record('remove-participant'),
    'ask-mute': record('ask-mute'),
    'ask-camera-off': record('ask-camera-off'),
    'make-host': record('make-host'),
    'set-passcode': record('set-passcode'),
    'end-meeting': record('end-meeting'),
  };
}

type HostEvent =
  | 'room-lock'
  | 'waiting-room'
  | 'admit'
  | 'deny'
  | 'remove-participant'
  | 'ask-mute'
  | 'ask-camera-off'
  | 'make-host'
  | 'set-passcode'
  | 'end-meeting';

async function serve(handlers: EventHandlers, middleware: Middleware[] = []) {
  const http = createServer();
  const io: ParleyServer = new Server(http);
  const log = new RecordingLogger();
  io.on('connection', (socket) => bindHandlers(socket, log, handlers, middleware));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const entry = { io, clients: [] as ClientSocket[] };
  open.push(entry);
  const client = await connectTo(url);
  entry.clients.push(client);
  return { client, log };
}

describe('bindHandlers', () => {
  it('hands each handler its payload as parsed (and cleaned) by the schema, and acks its result', async () => {
    const seen: { event: ClientEventName; payload: unknown }[] = [];
    const { client } = await serve(recordingHandlers(seen));
    const roomId = newRoomId();
    const res = await request(client, 'room-enter', {
      roomId,
      displayName: '  Ann \u200b\t Lee ',
      media: CAMERA_ON,
    });
    expect(res).toMatchObject({ ok: true, selfId: 'self-0000001', capacity: 8 });
    expect(seen).toEqual([
      { event: 'room-enter', payload: { roomId, displayName: 'Ann Lee', media: CAMERA_ON } },
    ]);
    expect(await request(client, 'room-leave')).toEqual({ ok: true });
    expect(seen[1]).toEqual({ event: 'room-leave', payload: undefined });
  });

  it('refuses a payload its schema rejects without calling the handler', async () => {
    const seen: { event: ClientEventName; payload: unknown }[] = [];
    const { client } = await serve(recordingHandlers(seen));
    const res = await rawRequest(client, 'room-peek', { roomId: 'nope' });
    expect(expectRefused(res, ErrorCode.BadRequest).message).toMatch(/^room-peek: roomId: /);
    expect(seen).toEqual([]);
  });

  it('answers a RequestError with its code, anything else as internal (logged)', async () => {
    const { client, log } = await serve(recordingHandlers([]));
    expectRefused(await request(client, 'chat', { text: 'hi' }), ErrorCode.NotInRoom);
    const internal = expectRefused(await request(client, 'ice-servers'), ErrorCode.Internal);
    expect(internal.message).toBe('ice-servers: internal error');
    expect(log.errors).toEqual([
      { obj: { event: 'ice-servers', err: 'Error: boom' }, msg: 'handler failed' },
    ]);
  });

  it('sends a refusal without an ack callback as protocol-error', async () => {
    const { client } = await serve(recordingHandlers([]));
    const error = once(client, 'protocol-error');
    rawEmit(client, 'chat', { text: 'hi' });
    expect(await error).toMatchObject({ event: 'chat', code: ErrorCode.NotInRoom });
  });

  it('runs the middleware in order around every event, unknown ones included', async () => {
    const calls: string[] = [];
    const outer: Middleware = async ({ event }, next) => {
      calls.push(`outer>${event}`);
      try {
        return await next();
      } finally {
        calls.push(`outer<${event}`);
      }
    };
    const gate: Middleware = async ({ event }, next) => {
      calls.push(`gate ${event}`);
      if (event === 'room-peek') throw new RequestError(ErrorCode.RateLimited, 'slow down');
      return next();
    };
    const seen: { event: ClientEventName; payload: unknown }[] = [];
    const { client } = await serve(recordingHandlers(seen), [outer, gate]);
    expectRefused(
      await request(client, 'room-peek', { roomId: newRoomId() }),
      ErrorCode.RateLimited,
    );
    expect(seen).toEqual([]);
    expectRefused(await rawRequest(client, 'no-such-event', {}), ErrorCode.BadRequest);
    expect(await request(client, 'media-state', CAMERA_ON)).toEqual({ ok: true });
    expect(calls).toEqual([
      'outer>room-peek',
      'gate room-peek',
      'outer<room-peek',
      'outer>no-such-event',
      'gate no-such-event',
      'outer<no-such-event',
      'outer>media-state',
      'gate media-state',
      'outer<media-state',
    ]);
  });

  it('treats inherited object keys as unknown events', async () => {
    const { client } = await serve(recordingHandlers([]));
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const res = await rawRequest(client, name, {});
      expect(expectRefused(res, ErrorCode.BadRequest).message).toBe(`unknown event "${name}"`);
    }
  });
});
