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
  const raw = socket as unknown as {
    on(event: string, listener: (...args: unknown[]) => void): void;
  };
  raw.on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as Reply) : undefined;
    const refuse = (error: ProtocolError) => {
      if (ack) ack({ ok: false, error });
      else socket.emit('protocol-error', { ...error, event });
    };
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
      (result) => ack?.({ ok: true, ...(result ?? {}) }),
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
