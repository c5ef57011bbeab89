import type { z } from 'zod';
import {
  clientSchemas,
  describeZodError,
  ErrorCode,
  isClientEvent,
  type Ack,
  type AckResult,
  type ClientEventName,
  type PayloadOf,
  type ProtocolError,
} from '../../lib/protocol';
import type { Logger } from '../ops/logger';
import { RequestError } from './context';
import type { ParleySocket } from './socket';

/** The handler of client event E: its parsed payload in, its ack's success fields out. */
export type Handler<E extends ClientEventName> = (
  payload: PayloadOf<E>,
) => Promise<AckResult<E> | void>;

/** One handler per client event; the compiler refuses a map that misses one. */
export type EventHandlers = { [E in ClientEventName]: Handler<E> };

/** One client event on its way through the middleware. `event` is any name a client sent. */
export interface EventCall {
  event: string;
  socket: ParleySocket;
}
export type Next = () => Promise<object | void>;
/** Runs around every client event (known or not): may refuse it by throwing a RequestError. */
export type Middleware = (call: EventCall, next: Next) => Promise<object | void>;

type Reply = (res: Ack) => void;

/** The same map, seen per event: indexing it with a generic E gives E's own schema type. */
const schemas: { readonly [E in ClientEventName]: z.ZodType<PayloadOf<E>> } = clientSchemas;

/** The code a thrown value is answered with: its own, or `internal` for anything unexpected. */
export function errorCodeOf(err: unknown): ErrorCode {
  return err instanceof RequestError ? err.code : ErrorCode.Internal;
}

function ackOf(args: unknown[]): Reply | undefined {
  const last = args[args.length - 1];
  if (typeof last !== 'function') return undefined;
  return (res) => void Reflect.apply(last, undefined, [res]);
}

function runMiddleware(call: EventCall, middleware: readonly Middleware[], last: Next) {
  const step = (i: number): Promise<object | void> => {
    const current = middleware[i];
    return current ? current(call, () => step(i + 1)) : last();
  };
  return step(0);
}

/**
 * socket.on for any client event name. With `event` typed as the whole union,
 * socket.io expects a listener of any of the events; an unknown[] listener is one.
 */
function listen(
  socket: ParleySocket,
  event: ClientEventName,
  listener: (...args: unknown[]) => void,
): void {
  socket.on(event, listener);
}

export interface Binder {
  /**
   * Registers the handler of `event`. The payload is parsed with the event's
   * schema from lib/protocol's clientSchemas; a refusal goes to the ack callback
   * when the client passed one, else as `protocol-error`. Nothing a client
   * sends can throw out of here.
   */
  on<E extends ClientEventName>(event: E, handler: Handler<E>): void;
}

export function eventBinder(
  socket: ParleySocket,
  log: Logger,
  middleware: readonly Middleware[],
): Binder {
  const refuse = (event: string, error: ProtocolError, ack: Reply | undefined) => {
    if (error.code !== ErrorCode.RateLimited) {
      log.warn({ event, code: error.code, socket: socket.id }, 'refused');
    }
    if (ack) ack({ ok: false, error });
    else socket.emit('protocol-error', { ...error, event });
  };
  return {
    on(event, handler) {
      const schema = schemas[event];
      listen(socket, event, (...args) => {
        const ack = ackOf(args);
        runMiddleware({ event, socket }, middleware, async () => {
          const parsed = schema.safeParse(args[0]);
          if (!parsed.success) {
            throw new RequestError(
              ErrorCode.BadRequest,
              `${event}: ${describeZodError(parsed.error)}`,
            );
          }
          return handler(parsed.data);
        }).then(
          (result) => ack?.({ ok: true, ...(result ?? {}) }),
          (err: unknown) => refuse(event, protocolError(err, event, log), ack),
        );
      });
    },
  };
}

function protocolError(err: unknown, event: string, log: Logger): ProtocolError {
  if (err instanceof RequestError) {
    const { code, message, retryAfterMs } = err;
    return retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs };
  }
  log.error({ event, err: String(err) }, 'handler failed');
  return { code: ErrorCode.Internal, message: `${event}: internal error` };
}

/**
 * Binds one handler per client event (the keys of clientSchemas), and answers
 * events no handler knows with an error ack when the client asked for one (so
 * it is not left waiting); without an ack they are dropped silently.
 */
export function bindHandlers(
  socket: ParleySocket,
  log: Logger,
  handlers: EventHandlers,
  middleware: readonly Middleware[],
): void {
  const binder = eventBinder(socket, log, middleware);
  const bind = <E extends ClientEventName>(event: E) => binder.on(event, handlers[event]);
  for (const event of Object.keys(clientSchemas).filter(isClientEvent)) bind(event);
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const name = String(event).slice(0, 64);
    if (isClientEvent(name)) return;
    const ack = ackOf(args);
    runMiddleware({ event: name, socket }, middleware, async () => {
      throw new RequestError(ErrorCode.BadRequest, `unknown event "${name}"`);
    }).catch((err: unknown) => ack?.({ ok: false, error: protocolError(err, name, log) }));
  });
}
