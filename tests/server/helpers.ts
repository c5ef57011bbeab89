/**
 * Shared fixtures for the server tests: a real socket.io server on port 0 and
 * real socket.io-client connections to it. Every wait is on an event or an
 * acknowledgement, bounded by a timeout; nothing sleeps for a fixed time.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type {
  Ack,
  ClientEventName,
  ClientToServerEvents,
  MediaState,
  ProtocolError,
  RoomEntered,
  ServerToClientEvents,
} from '@/lib/protocol';
import { generateRoomId } from '@/lib/view/roomId';
import { createApplication } from '@/server/app';
import { readConfig, type ServerConfig } from '@/server/ops/config';
import type { ParleyServer } from '@/server/handlers';
import type { Logger } from '@/server/ops/logger';
import { MemoryRoomRegistry, type RoomRegistry } from '@/server/rooms';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];

/** A socket with no event map, for sending payloads the protocol does not allow. */
type LooseSocket = Socket<
  Record<string, (...args: unknown[]) => void>,
  Record<string, (...args: unknown[]) => void>
>;

export const WAIT_MS = 3000;

export const CAMERA_ON: MediaState = { camera: true, mic: true, screen: false };
export const ALL_OFF: MediaState = { camera: false, mic: false, screen: false };

export const OFFER_SDP = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
export const ANSWER_SDP = 'v=0\r\no=- 1234567890123456789 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
export const CANDIDATE = {
  candidate: 'candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx',
  sdpMid: '0',
  sdpMLineIndex: 0,
  usernameFragment: 'abcd',
};

export const STUN_URL = 'stun:stun.example.org:3478';
export const SESSION_SECRET = 'test-session-secret-0123456789abcdefghij';

/**
 * The server's own defaults, made test-friendly: port 0, loopback, a known
 * STUN url and session secret, no presence grace unless a test asks for one
 * (a closed socket is announced at once), and abuse limits far above what a
 * test sends, so that only tests about limits meet them.
 */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const generousLimits: Record<string, string> = {
    RATE_MESSAGES_PER_SECOND: '100000',
    RATE_MESSAGE_BURST: '100000',
    RATE_CONNECTIONS_PER_MINUTE: '1000000',
    RATE_ENTRIES_PER_MINUTE: '1000000',
  };
  const defaults = readConfig(generousLimits as NodeJS.ProcessEnv, []);
  return {
    ...defaults,
    port: 0,
    hostname: '127.0.0.1',
    dev: false,
    maxParticipants: 8,
    stunUrls: [STUN_URL],
    turn: null,
    presenceGraceMs: 0,
    sessionSecret: SESSION_SECRET,
    ...overrides,
  };
}

export function newRoomId(): string {
  return generateRoomId();
}

/** A logger that keeps what it was told, so tests can assert nothing failed inside. */
export class RecordingLogger implements Logger {
  readonly errors: { obj: object; msg?: string }[] = [];
  readonly warnings: { obj: object; msg?: string }[] = [];
  info(): void {}
  warn(obj: object, msg?: string): void {
    this.warnings.push({ obj, msg });
  }
  error(obj: object, msg?: string): void {
    this.errors.push({ obj, msg });
  }
}

export interface TestServer {
  url: string;
  io: ParleyServer;
  http: HttpServer;
  registry: RoomRegistry;
  config: ServerConfig;
  log: RecordingLogger;
  /** Opens a client connection and waits until it is connected. */
  connect(): Promise<ClientSocket>;
  close(): Promise<void>;
}

export interface StartOptions {
  config?: Partial<ServerConfig>;
  registry?: RoomRegistry;
}

/** A real socket.io client (WebSocket, no reconnection), once it is connected. */
export async function connectTo(url: string): Promise<ClientSocket> {
  const socket: ClientSocket = connectClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('connect timed out')), WAIT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return socket;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const http = createServer();
  const registry = options.registry ?? new MemoryRoomRegistry();
  const config = testConfig(options.config);
  const log = new RecordingLogger();
  const io = createApplication(http, { registry, config, log });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const clients: ClientSocket[] = [];
  let closed = false;

  return {
    url,
    io,
    http,
    registry,
    config,
    log,
    async connect() {
      const socket = await connectTo(url);
      clients.push(socket);
      return socket;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const socket of clients) socket.disconnect();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        http.closeAllConnections();
      });
      await registry.close();
    },
  };
}

/** Resolves with the first payload of `event`, or rejects after `timeoutMs`. */
export function once<E extends ServerEventName>(
  socket: ClientSocket,
  event: E,
  timeoutMs = WAIT_MS,
  predicate: (payload: ServerEventPayload<E>) => boolean = () => true,
): Promise<ServerEventPayload<E>> {
  const loose = socket as unknown as LooseSocket;
  const name: string = event;
  return new Promise((resolve, reject) => {
    const listener = (payload: unknown) => {
      if (!predicate(payload as ServerEventPayload<E>)) return;
      clearTimeout(timer);
      loose.off(name, listener);
      resolve(payload as ServerEventPayload<E>);
    };
    const timer = setTimeout(() => {
      loose.off(name, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for "${event}"`));
    }, timeoutMs);
    loose.on(name, listener);
  });
}

/** Resolves with the reason once the client socket is disconnected. */
export function disconnected(socket: ClientSocket, timeoutMs = WAIT_MS): Promise<string> {
  if (socket.disconnected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for disconnect`)),
      timeoutMs,
    );
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

type Params<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>;
/** Events whose only argument is the ack callback. */
type NoPayloadEvent = 'room-leave' | 'ice-servers' | 'end-meeting';
type PayloadArgs<E extends ClientEventName> = E extends NoPayloadEvent ? [] : [Params<E>[0]];
type AckCallback<E extends ClientEventName> = NonNullable<
  E extends NoPayloadEvent ? Params<E>[0] : Params<E>[1]
>;
export type AckResponse<E extends ClientEventName> =
  AckCallback<E> extends (res: infer R) => void ? R : never;

/** Emits a well-typed client event and waits for its acknowledgement. */
export function request<E extends ClientEventName>(
  socket: ClientSocket,
  event: E,
  ...payload: PayloadArgs<E>
): Promise<AckResponse<E>> {
  return rawRequest(socket, event, ...payload) as Promise<AckResponse<E>>;
}

/** Emits anything at all, with an ack callback, and waits for the acknowledgement. */
export function rawRequest(
  socket: ClientSocket,
  event: string,
  ...args: unknown[]
): Promise<unknown> {
  return (socket as unknown as LooseSocket).timeout(WAIT_MS).emitWithAck(event, ...args);
}

/** Emits anything at all, without an ack callback. */
export function rawEmit(socket: ClientSocket, event: string, ...args: unknown[]): void {
  (socket as unknown as LooseSocket).emit(event, ...args);
}

/** Asserts an ack is a refusal with `code`, and returns its error. */
export function expectRefused(res: unknown, code: ProtocolError['code']): ProtocolError {
  expect(res).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
  const error = (res as { error: ProtocolError }).error;
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}

export function expectOk<T extends object>(res: Ack<T>): T & { ok: true } {
  if (!res.ok) throw new Error(`expected ok ack, got ${res.error.code}: ${res.error.message}`);
  return res;
}

/** Enters a room and returns the acknowledgement, failing the test on refusal. */
export async function enter(
  socket: ClientSocket,
  roomId: string,
  displayName: string,
  media: MediaState = CAMERA_ON,
  resumeToken?: string,
): Promise<RoomEntered> {
  const payload = { roomId, displayName, media, ...(resumeToken ? { resumeToken } : {}) };
  const entered = expectOk(await request(socket, 'room-enter', payload));
  if (!('selfId' in entered)) throw new Error('expected a seat, got the waiting room');
  return entered;
}

/**
 * A round trip through the server on `socket`'s own connection. Anything the
 * server sent to this socket before handling the barrier has arrived once it resolves.
 */
export async function barrier(socket: ClientSocket): Promise<void> {
  const res = await request(socket, 'room-peek', { roomId: 'zzzz-zzzz-zzzz' });
  expect(res.ok).toBe(true);
}

/** Records every server-to-client event a socket receives, in order. */
export class EventRecorder {
  readonly events: { event: string; payload: unknown }[] = [];
  private waiters: (() => void)[] = [];

  constructor(socket: ClientSocket) {
    socket.onAny((event: string, payload: unknown) => {
      this.events.push({ event, payload });
      for (const wake of this.waiters) wake();
    });
  }

  of<E extends ServerEventName>(event: E): ServerEventPayload<E>[] {
    return this.events.filter((e) => e.event === event).map((e) => e.payload) as never;
  }

  /** Waits until at least `count` events named `event` have been recorded. */
  waitForCount(event: ServerEventName, count: number, timeoutMs = WAIT_MS): Promise<void> {
    if (this.of(event).length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (this.of(event).length < count) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(
          new Error(
            `timed out waiting for ${count} "${event}" events, got ${this.of(event).length}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(wake);
    });
  }
}

/**
 * Retries an acknowledged probe until it reports true. Each attempt is a full
 * round trip, so this waits on the server, not on a clock.
 */
export async function until(probe: () => Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
  }
}

/** Collects process-level failures while a test runs. */
export function guardProcess(): { failures: unknown[]; dispose(): void } {
  const failures: unknown[] = [];
  const onFailure = (err: unknown) => failures.push(err);
  process.on('uncaughtException', onFailure);
  process.on('unhandledRejection', onFailure);
  return {
    failures,
    dispose() {
      process.off('uncaughtException', onFailure);
      process.off('unhandledRejection', onFailure);
    },
  };
}

export interface Pair {
  roomId: string;
  a: ClientSocket;
  b: ClientSocket;
  aId: string;
  bId: string;
  aToken: string;
  bToken: string;
}

/** Two clients entered in one fresh room; `a` entered first. */
export async function pair(server: TestServer, roomId = newRoomId()): Promise<Pair> {
  const a = await server.connect();
  const b = await server.connect();
  const aEntered = await enter(a, roomId, 'Alice');
  const joined = once(a, 'peer-joined');
  const bEntered = await enter(b, roomId, 'Bob');
  await joined;
  return {
    roomId,
    a,
    b,
    aId: aEntered.selfId,
    bId: bEntered.selfId,
    aToken: aEntered.resumeToken,
    bToken: bEntered.resumeToken,
  };
}

/** Sends an offer from `from` to `to` and checks it arrives intact and stamped. */
export async function relayOffer(
  from: ClientSocket,
  fromId: string,
  to: ClientSocket,
  toId: string,
  sdp: string = OFFER_SDP,
): Promise<void> {
  const received = once(to, 'sdp-offer', WAIT_MS, (p) => p.description.sdp === sdp);
  const res = await request(from, 'sdp-offer', { to: toId, description: { type: 'offer', sdp } });
  expect(res).toEqual({ ok: true });
  expect(await received).toEqual({ from: fromId, to: toId, description: { type: 'offer', sdp } });
}
