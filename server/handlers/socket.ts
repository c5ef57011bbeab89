import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';

/** What the server keeps on each socket. */
export interface SocketData {
  roomId?: string;
  participantId?: string;
  entering?: boolean;
  /** Waiting in a room's waiting room (not seated). */
  knock?: { roomId: string; knockId: string };
}

/** Why a seat is closed by the server: told to its client just before its sockets close. */
export type KickReason = 'removed' | 'meeting-ended';

/** Between nodes (socket.io's serverSideEmit over the Redis adapter). */
export interface InterServerEvents {
  /** Close these participants' sockets wherever they are, telling their clients why. */
  kick: (participantIds: string[], reason: KickReason) => void;
}

export type ParleyServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type ParleySocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** The socket.io room of everyone in a call, and of one participant's socket(s). */
export const roomChannel = (roomId: string) => `r:${roomId}`;
export const peerChannel = (participantId: string) => `p:${participantId}`;
/** The socket.io room of one knock's socket while it waits. */
export const knockChannel = (knockId: string) => `k:${knockId}`;
