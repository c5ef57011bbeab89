import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { LIMITS } from '../lib/protocol';
import type { ServerConfig } from './config';
import type { HandlerContext, Logger, ParleyServer } from './handlers/context';
import { registerChatHandlers } from './handlers/chat';
import { registerRelayHandlers } from './handlers/relay';
import { registerRoomHandlers } from './handlers/room';
import type { RoomRegistry } from './rooms';

export interface ApplicationDeps {
  registry: RoomRegistry;
  config: ServerConfig;
  log?: Logger;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Wires socket.io onto an existing HTTP server. Returns the socket.io server. */
export function createApplication(httpServer: HttpServer, deps: ApplicationDeps): ParleyServer {
  const io: ParleyServer = new Server(httpServer, {
    maxHttpBufferSize: LIMITS.messageBytes,
    // Leave non-socket.io upgrades (Next's dev HMR) to other listeners.
    destroyUpgrade: false,
    serveClient: false,
    // Detect a vanished client (network gone, no close) within ~6.5 s, so with the
    // presence grace it is announced as left within 10 s.
    pingInterval: 4000,
    pingTimeout: 2500,
  });
  const ctx: HandlerContext = {
    io,
    registry: deps.registry,
    config: deps.config,
    log: deps.log ?? silentLogger,
  };
  io.on('connection', (socket) => {
    registerRoomHandlers(ctx, socket);
    registerRelayHandlers(ctx, socket);
    registerChatHandlers(ctx, socket);
  });
  return io;
}
