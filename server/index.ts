import { createServer } from 'node:http';
import next from 'next';
import { createApplication, metricsOf, nodeHooks } from './app';
import { ensureSessionSecret, readConfig } from './ops/config';
import { serveHttp } from './ops/http';
import { createLogger } from './ops/logger';
import { connectRedis, type RedisConnections } from './ops/redis';
import { MemoryRoomRegistry, type RoomRegistry } from './rooms';
import { createHeartbeat, RedisRoomRegistry, type NodeHeartbeat } from './rooms/redis';
import { MemoryRoomModes, RedisRoomModes } from './rooms/modes';
import { JanusSfu } from './sfu';

/** How long the draining notice gets to reach clients before their connections close. */
const DRAIN_NOTICE_MS = 200;

// A self-hosted server reports nothing home (Next.js telemetry is on by default).
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

async function main(): Promise<void> {
  const config = ensureSessionSecret(readConfig());
  const log = createLogger();
  process.on('unhandledRejection', (err) => log.error({ err: String(err) }, 'unhandled rejection'));
  const httpServer = createServer();
  const nextApp = next({
    dev: config.dev,
    dir: process.cwd(),
    httpServer,
    hostname: config.hostname,
    port: config.port,
  });
  const handle = nextApp.getRequestHandler();

  let redis: RedisConnections | undefined;
  let registry: RoomRegistry;
  let redisRegistry: RedisRoomRegistry | undefined;
  if (config.redisUrl) {
    redis = await connectRedis(config.redisUrl, log);
    registry = redisRegistry = new RedisRoomRegistry(redis.data, { nodeId: config.nodeId });
  } else {
    registry = new MemoryRoomRegistry();
  }
  // Janus: rooms past MESH_MAX move to it; its rooms' secret and pin derive from SESSION_SECRET.
  let janus: JanusSfu | undefined;
  if (config.janus) {
    janus = new JanusSfu({
      ...config.janus,
      roomSecret: config.sessionSecret,
      maxPublishers: config.maxParticipants * 2,
      log,
    });
    janus.start();
  }
  const io = createApplication(httpServer, {
    sfu: janus && {
      janus,
      modes: redis ? new RedisRoomModes(redis.data) : new MemoryRoomModes(),
      meshMax: config.meshMax,
    },
    registry,
    config,
    log,
    redis,
    processMetrics: true,
  });
  // Several nodes: keep this node's heartbeat, sweep dead nodes, restore after a Redis restart.
  let heartbeat: NodeHeartbeat | undefined;
  if (redisRegistry) {
    heartbeat = createHeartbeat(redisRegistry, nodeHooks(io, log), { log });
    heartbeat.start();
  }
  let draining = false;
  const ops = {
    metrics: metricsOf(io),
    nodeId: config.nodeId,
    dev: config.dev,
    redisReady: redis && (() => redis.isReady()),
    draining: () => draining,
  };

  await nextApp.prepare();
  serveHttp(httpServer, ops, (req, res) => void handle(req, res));

  httpServer.on('error', (err) => {
    log.error({ err: String(err) }, 'server error');
    console.error(`Parley could not listen on ${config.hostname}:${config.port}: ${err.message}`);
    process.exit(1);
  });
  httpServer.listen(config.port, config.hostname, () => {
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host =
      config.hostname === '0.0.0.0' || config.hostname === '::' ? 'localhost' : config.hostname;
    log.info(
      { port, hostname: config.hostname, dev: config.dev, nodeId: config.nodeId, redis: !!redis },
      'listening',
    );
    console.log(`> Parley ready on http://${host}:${port}`);
  });

  /**
   * Drain: /healthz turns 503, clients are told and their connections close
   * (they reconnect, through the load balancer, to another node, and resume
   * their seats with their tokens), then the process exits 0. Members stay in
   * Redis until this node's heartbeat expires, which is the time they have to resume.
   */
  const stop = (signal: string) => {
    if (draining) return;
    draining = true;
    log.info({ signal, clients: io.of('/').sockets.size }, 'draining');
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    io.local.emit('server-draining');
    setTimeout(() => {
      io.close(() => {
        heartbeat?.stop();
        void janus?.close();
        void registry
          .close()
          .then(() => redis?.close())
          .catch((err: unknown) => log.warn({ err: String(err) }, 'close failed'))
          .finally(() => {
            log.info({ signal }, 'drained');
            process.exit(0);
          });
      });
      httpServer.closeAllConnections?.();
    }, DRAIN_NOTICE_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
