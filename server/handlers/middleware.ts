import { ErrorCode, isClientEvent, type ClientEventName } from '../../lib/protocol';
import { clientAddress, type Limiter } from '../ops/limits';
import type { Metrics } from '../ops/metrics';
import { errorCodeOf, type Middleware } from './bind';
import { RequestError } from './context';
import type { ParleySocket } from './socket';

/** Events that reveal whether a room exists: limited per IP, so ids cannot be enumerated. */
const ENTRY_EVENTS: ReadonlySet<string> = new Set<ClientEventName>(['room-enter', 'room-peek']);

/** What a success of each event counts as in the metrics. */
const SUCCESS_METRIC: Record<ClientEventName, 'relayed' | 'entered' | null> = {
  'room-enter': 'entered',
  'room-peek': null,
  'room-leave': null,
  'ice-servers': null,
  'sdp-offer': 'relayed',
  'sdp-answer': 'relayed',
  ice: 'relayed',
  'peer-error': 'relayed',
  'media-state': 'relayed',
  chat: 'relayed',
  'sfu-publish': null,
  'sfu-unpublish': null,
  'sfu-answer': null,
};

/** The client's address as the limits see it. */
export function socketAddress(socket: ParleySocket, trustProxy: boolean): string {
  const { headers, address } = socket.handshake;
  return clientAddress(headers, address, trustProxy);
}

/** Refuses an event over the socket's message rate, or a room entry over the IP's entry rate. */
export function rateLimit(limiter: Limiter, trustProxy: boolean): Middleware {
  return async (call, next) => {
    const { event, socket } = call;
    if (!limiter.message(socket)) {
      throw new RequestError(ErrorCode.RateLimited, `${event}: too many messages, slow down`);
    }
    if (ENTRY_EVENTS.has(event) && !limiter.entry(socketAddress(socket, trustProxy))) {
      throw new RequestError(
        ErrorCode.RateLimited,
        `${event}: too many room entries, wait a minute`,
      );
    }
    return next();
  };
}

/** Counts each event's outcome: relayed or entered on success, refused (by code) otherwise. */
export function countMetrics(metrics: Metrics): Middleware {
  return async ({ event }, next) => {
    const known = isClientEvent(event) ? event : null;
    try {
      const result = await next();
      const kind = known && SUCCESS_METRIC[known];
      if (kind === 'relayed') metrics.relayed.inc({ event });
      else if (kind === 'entered') metrics.joins.inc();
      return result;
    } catch (err) {
      metrics.refused.inc({ event: known ?? 'unknown', reason: errorCodeOf(err) });
      throw err;
    }
  };
}
