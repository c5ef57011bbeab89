import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/protocol';

/** What the server keeps on each socket. */
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

/** The socket.io room of everyone in a call, and of one participant's socket(s). */
export const roomChannel = (roomId: string) => `r:${roomId}`;
export const peerChannel = (participantId: string) => `p:${participantId}`;
