import { ErrorCode } from '../../lib/protocol';
import type { AttemptCounter } from '../ops/attempts';
import type { Limiter } from '../ops/limits';
import type { Logger } from '../ops/logger';
import type { SfuRooms } from './sfu';
import type { Metrics } from '../ops/metrics';
import type { ServerConfig } from '../ops/config';
import type { RoomRegistry } from '../rooms/registry';
import type { ParleyServer, ParleySocket } from './socket';

/** What every handler of one server shares. */
export interface HandlerContext {
  io: ParleyServer;
  registry: RoomRegistry;
  config: ServerConfig;
  log: Logger;
  /** Per-socket and per-IP flood limits; absent: unlimited. */
  limiter?: Limiter;
  /** Misses and wrong passcodes per address and room; absent: unlimited. */
  attempts?: AttemptCounter;
  /** Several nodes share rooms (Redis adapter): kicks go to the other nodes too. */
  shared?: boolean;
  metrics?: Metrics;
  /** Rooms past MESH_MAX move to Janus; absent (no JANUS_URL): every room is a mesh. */
  sfu?: SfuRooms;
}

/** A refusal with its code: thrown by a handler or middleware, answered to the client. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** With rate-limited: when to try again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function requireRoom(socket: ParleySocket): { roomId: string; participantId: string } {
  const { roomId, participantId } = socket.data;
  if (!roomId || !participantId) throw new RequestError(ErrorCode.NotInRoom, 'enter a room first');
  return { roomId, participantId };
}
