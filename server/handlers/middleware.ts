import { ErrorCode, isClientEvent, type ClientEventName } from '../../lib/protocol';
import { clientAddress, type Limiter } from '../ops/limits';
import type { Metrics } from '../ops/metrics';
import { errorCodeOf, type Middleware } from './bind';
import { RequestError } from './context';
import type { ParleySocket } from './socket';

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
  'room-lock': null,
  'waiting-room': null,
  admit: null,
  deny: null,
  'remove-participant': null,
  'ask-mute': null,
  'ask-camera-off': null,
  'make-host': null,
  'set-passcode': null,
  'end-meeting': null,
};

/** The client's address as the limits see it. */
export function socketAddress(socket: ParleySocket, trustProxy: boolean): string {
  const { headers, address } = socket.handshake;
  return clientAddress(headers, address, trustProxy);
}

/**
 * Refuses an event over the socket's message rate (floods). Room peeks and
 * entries are limited per address by what they find (misses), in the room handlers.
 */
export function rateLimit(limiter: Limiter): Middleware {
  return async (call, next) => {
    const { event, socket } = call;
    if (!limiter.message(socket)) {
      throw new RequestError(ErrorCode.RateLimited, `${event}: too many messages, slow down`);
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
      else if (kind === 'entered' && result && 'selfId' in result) metrics.joins.inc();
      return result;
    } catch (err) {
      metrics.refused.inc({ event: known ?? 'unknown', reason: errorCodeOf(err) });
      throw err;
    }
  };
}
