import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { LIMITS } from '../lib/protocol';
import type { ServerConfig } from './config';
import {
  peerChannel,
  refuseUnknownEvents,
  roomChannel,
  type HandlerContext,
  type Logger,
  type ParleyServer,
} from './handlers/context';
import { registerChatHandlers } from './handlers/chat';
import { registerRelayHandlers } from './handlers/relay';
import { registerRoomHandlers } from './handlers/room';
import { clientAddress, Limiter, originAllowed } from './limits';
import { Metrics } from './metrics';
import { attachRedisAdapter, type RedisConnections } from './redis';
import type { RoomRegistry } from './rooms';

export interface ApplicationDeps {
  registry: RoomRegistry;
  config: ServerConfig;
  log?: Logger;
  /** Several nodes: socket.io's Redis adapter connects them. */
  redis?: Pick<RedisConnections, 'pub' | 'sub'>;
  /** Node.js process metrics in /metrics (off in tests, where many apps share a process). */
  processMetrics?: boolean;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

const metricsByServer = new WeakMap<ParleyServer, Metrics>();

/** The Prometheus metrics of an application made by createApplication. */
export function metricsOf(io: ParleyServer): Metrics | undefined {
  return metricsByServer.get(io);
}

/** Wires socket.io onto an existing HTTP server. Returns the socket.io server. */
export function createApplication(httpServer: HttpServer, deps: ApplicationDeps): ParleyServer {
  const { config, registry } = deps;
  const log = deps.log ?? silentLogger;
  const limiter = new Limiter(config.limits);
  const io: ParleyServer = new Server(httpServer, {
    maxHttpBufferSize: LIMITS.messageBytes,
    // Several nodes behind a plain load balancer: WebSocket only, so no request
    // of a session can land on another node (long-polling would need sticky sessions).
    transports: deps.redis ? ['websocket'] : ['polling', 'websocket'],
    // Leave non-socket.io upgrades (Next's dev HMR) to other listeners.
    destroyUpgrade: false,
    serveClient: false,
    // Detect a vanished client (network gone, no close) within ~6.5 s, so with the
    // presence grace it is announced as left within 10 s.
    pingInterval: 4000,
    pingTimeout: 2500,
    allowRequest(req, callback) {
      const origin = req.headers.origin;
      if (!originAllowed(origin, req.headers, config.allowedOrigins, config.trustProxy)) {
        metrics.connectionsRefused.inc({ reason: 'origin' });
        log.warn({ origin: String(origin).slice(0, 200) }, 'connection refused: origin');
        callback('origin not allowed', false);
        return;
      }
      const ip = clientAddress(req.headers, req.socket.remoteAddress, config.trustProxy);
      if (!limiter.connection(ip)) {
        metrics.connectionsRefused.inc({ reason: 'rate-limited' });
        callback('too many connections', false);
        return;
      }
      callback(null, true);
    },
  });
  if (deps.redis) attachRedisAdapter(io, deps.redis);
  const metrics = new Metrics(
    config.nodeId,
    {
      local() {
        const rooms = new Set<string>();
        let participants = 0;
        for (const socket of io.of('/').sockets.values()) {
          if (!socket.data.roomId) continue;
          rooms.add(socket.data.roomId);
          participants += 1;
        }
        return { rooms: rooms.size, participants };
      },
      registry: () => registry.stats(),
    },
    { process: deps.processMetrics },
  );
  metricsByServer.set(io, metrics);
  const ctx: HandlerContext = { io, registry, config, log, limiter, metrics };
  registry.attach?.({
    isLocal: (memberId) => io.of('/').adapter.rooms.has(peerChannel(memberId)),
    onSwept(roomId, participantId) {
      metrics.swept.inc();
      io.to(roomChannel(roomId)).emit('peer-left', { id: participantId, reason: 'disconnected' });
      log.info({ roomId, participantId, reason: 'node-lost' }, 'leave');
    },
  });
  io.on('connection', (socket) => {
    refuseUnknownEvents(socket, ctx);
    registerRoomHandlers(ctx, socket);
    registerRelayHandlers(ctx, socket);
    registerChatHandlers(ctx, socket);
  });
  return io;
}
