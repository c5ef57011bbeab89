import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { LIMITS, SFU_LIMITS } from '../lib/protocol';
import {
  afterLeave,
  kickLocal,
  peerChannel,
  registerHandlers,
  roomChannel,
  type HandlerContext,
  type ParleyServer,
} from './handlers';
import { MemoryAttemptCounter, RedisAttemptCounter } from './ops/attempts';
import { SfuRooms, type SfuRoomsOptions } from './handlers/sfu';
import type { ServerConfig } from './ops/config';
import { clientAddress, Limiter, originAllowed } from './ops/limits';
import { silentLogger, type Logger } from './ops/logger';
import { Metrics } from './ops/metrics';
import type { RedisConnections } from './ops/redis';
import type { RoomRegistry } from './rooms';
import type { NodeHooks } from './rooms/redis';

export interface ApplicationDeps {
  registry: RoomRegistry;
  config: ServerConfig;
  log?: Logger;
  /**
   * Several nodes: socket.io's Redis adapter connects them; with `data` the
   * per-address attempt counters are shared too (else they are per node).
   */
  redis?: Pick<RedisConnections, 'pub' | 'sub'> & Partial<Pick<RedisConnections, 'data'>>;
  /** Node.js process metrics in /metrics (off in tests, where many apps share a process). */
  processMetrics?: boolean;
  /** Janus for rooms past MESH_MAX (JANUS_URL); absent: every room is a mesh. */
  sfu?: SfuRoomsOptions;
}

const metricsByServer = new WeakMap<ParleyServer, Metrics>();
const contextByServer = new WeakMap<ParleyServer, HandlerContext>();

/** The Prometheus metrics of an application made by createApplication. */
export function metricsOf(io: ParleyServer): Metrics | undefined {
  return metricsByServer.get(io);
}

/**
 * What the Redis heartbeat needs from this node's application: whether a
 * member's socket is here, and telling a room that a dead node's member left.
 */
export function nodeHooks(io: ParleyServer, log: Logger = silentLogger): NodeHooks {
  return {
    isLocal: (memberId) => io.of('/').adapter.rooms.has(peerChannel(memberId)),
    onSwept(roomId, participantId) {
      metricsOf(io)?.swept.inc();
      io.to(roomChannel(roomId)).emit('peer-left', { id: participantId, reason: 'disconnected' });
      log.info({ roomId, participantId, reason: 'node-lost' }, 'leave');
      const ctx = contextByServer.get(io);
      if (ctx) {
        afterLeave(ctx, roomId).catch((err: unknown) =>
          log.warn({ roomId, err: String(err) }, 'host handover after a lost node failed'),
        );
      }
    },
  };
}

/** Wires socket.io onto an existing HTTP server. Returns the socket.io server. */
export function createApplication(httpServer: HttpServer, deps: ApplicationDeps): ParleyServer {
  const { config, registry } = deps;
  const log = deps.log ?? silentLogger;
  const limiter = new Limiter(config.limits);
  const io: ParleyServer = new Server(httpServer, {
    // SFU rooms: a subscriber answer grows with the room (see SFU_LIMITS).
    maxHttpBufferSize: deps.sfu ? SFU_LIMITS.messageBytes : LIMITS.messageBytes,
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
  if (deps.redis) {
    io.adapter(
      createAdapter(deps.redis.pub, deps.redis.sub, { key: 'parley#io', requestsTimeout: 3000 }),
    );
  }
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
  const attempts = deps.redis?.data
    ? new RedisAttemptCounter(deps.redis.data)
    : new MemoryAttemptCounter();
  const shared = Boolean(deps.redis);
  const ctx: HandlerContext = { io, registry, config, log, limiter, attempts, shared, metrics };
  contextByServer.set(io, ctx);
  // Another node removed people or ended a meeting: close their sockets held here.
  if (shared) io.on('kick', (ids, reason) => kickLocal(io, ids, reason));
  if (deps.sfu) ctx.sfu = new SfuRooms(deps.sfu, io, registry, log);
  io.on('connection', (socket) => registerHandlers(ctx, socket));
  return io;
}
