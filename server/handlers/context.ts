import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  describeZodError,
  ErrorCode,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type ProtocolError,
  type ServerToClientEvents,
} from '../../lib/protocol';
import type { ServerConfig } from '../config';
import { clientAddress, type Limiter } from '../limits';
import type { Metrics } from '../metrics';
import type { RoomRegistry } from '../rooms';

export interface SocketData {
  roomId?: string;
  participantId?: string;
  entering?: boolean;
}

export type ParleyServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type ParleySocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface HandlerContext {
  io: ParleyServer;
  registry: RoomRegistry;
  config: ServerConfig;
  log: Logger;
  /** Per-socket and per-IP limits; absent: unlimited. */
  limiter?: Limiter;
  metrics?: Metrics;
}

/** Events that reveal whether a room exists: limited per IP, so ids cannot be enumerated. */
const ENTRY_EVENTS: ReadonlySet<string> = new Set(['room-enter', 'room-peek']);

/** The client's address as the limits see it. */
export function socketAddress(socket: ParleySocket, ctx: HandlerContext): string {
  const { headers, address } = socket.handshake;
  return clientAddress(headers, address, ctx.config.trustProxy);
}

/** Says whether this event may run now; refuses it (and counts why) otherwise. */
function admit(socket: ParleySocket, ctx: HandlerContext, event: string): ProtocolError | null {
  const limiter = ctx.limiter;
  if (!limiter) return null;
  if (!limiter.message(socket)) {
    return { code: ErrorCode.RateLimited, message: `${event}: too many messages, slow down` };
  }
  if (ENTRY_EVENTS.has(event) && !limiter.entry(socketAddress(socket, ctx))) {
    return {
      code: ErrorCode.RateLimited,
      message: `${event}: too many room entries, wait a minute`,
    };
  }
  return null;
}

export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

type Reply = (res: Ack<object>) => void;

/** Events whose success means a message went out to other participants. */
const RELAYED_EVENTS: ReadonlySet<string> = new Set([
  'sdp-offer',
  'sdp-answer',
  'ice',
  'peer-error',
  'media-state',
  'chat',
]);

/** Every event some handler registered with `on()`. */
const knownEvents = new Set<string>();

/**
 * Answers events no handler knows with an error ack, when the client asked for
 * one (so it is not left waiting); without an ack they are dropped silently.
 */
export function refuseUnknownEvents(socket: ParleySocket, ctx: HandlerContext): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const name = String(event).slice(0, 64);
    if (knownEvents.has(name)) return;
    const error = admit(socket, ctx, name) ?? {
      code: ErrorCode.BadRequest,
      message: `unknown event "${name}"`,
    };
    ctx.metrics?.refused.inc({ event: 'unknown', reason: error.code });
    const last = args[args.length - 1];
    if (typeof last === 'function') (last as Reply)({ ok: false, error });
  });
}

/**
 * Registers a validated handler. The payload is parsed with `schema`; a refusal
 * goes to the ack callback when the client passed one, else as `protocol-error`.
 * Nothing a client sends can throw out of here.
 */
export function on<S extends z.ZodType, R extends object>(
  socket: ParleySocket,
  ctx: HandlerContext,
  event: ClientEventName,
  schema: S | null,
  handler: (payload: z.output<S>) => Promise<R | void>,
): void {
  knownEvents.add(event);
  const raw = socket as unknown as {
    on(event: string, listener: (...args: unknown[]) => void): void;
  };
  raw.on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as Reply) : undefined;
    const refuse = (error: ProtocolError) => {
      ctx.metrics?.refused.inc({ event, reason: error.code });
      if (error.code !== ErrorCode.RateLimited) {
        ctx.log.warn({ event, code: error.code, socket: socket.id }, 'refused');
      }
      if (ack) ack({ ok: false, error });
      else socket.emit('protocol-error', { ...error, event });
    };
    const limited = admit(socket, ctx, event);
    if (limited) {
      refuse(limited);
      return;
    }
    let payload: unknown = undefined;
    if (schema) {
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) {
        refuse({
          code: ErrorCode.BadRequest,
          message: `${event}: ${describeZodError(parsed.error)}`,
        });
        return;
      }
      payload = parsed.data;
    }
    handler(payload as z.output<S>).then(
      (result) => {
        if (RELAYED_EVENTS.has(event)) ctx.metrics?.relayed.inc({ event });
        else if (event === 'room-enter') ctx.metrics?.joins.inc();
        ack?.({ ok: true, ...(result ?? {}) });
      },
      (err: unknown) => {
        if (err instanceof RequestError) {
          refuse({ code: err.code, message: err.message });
        } else {
          ctx.log.error({ event, err: String(err) }, 'handler failed');
          refuse({ code: ErrorCode.Internal, message: `${event}: internal error` });
        }
      },
    );
  });
}

export function requireRoom(socket: ParleySocket): { roomId: string; participantId: string } {
  const { roomId, participantId } = socket.data;
  if (!roomId || !participantId) throw new RequestError(ErrorCode.NotInRoom, 'enter a room first');
  return { roomId, participantId };
}

export const roomChannel = (roomId: string) => `r:${roomId}`;
export const peerChannel = (participantId: string) => `p:${participantId}`;
