import { ErrorCode } from '../../lib/protocol';
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
  /** Per-socket and per-IP limits; absent: unlimited. */
  limiter?: Limiter;
  metrics?: Metrics;
  /** Rooms past MESH_MAX move to Janus; absent (no JANUS_URL): every room is a mesh. */
  sfu?: SfuRooms;
}

/** A refusal with its code: thrown by a handler or middleware, answered to the client. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function requireRoom(socket: ParleySocket): { roomId: string; participantId: string } {
  const { roomId, participantId } = socket.data;
  if (!roomId || !participantId) throw new RequestError(ErrorCode.NotInRoom, 'enter a room first');
  return { roomId, participantId };
}
