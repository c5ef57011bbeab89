import { createServer } from 'node:http';
import next from 'next';
import { createApplication } from './app';
import { ensureSessionSecret, readConfig } from './config';
import { createLogger } from './logger';
import { connectRedis, type RedisConnections } from './redis';
import { RedisRoomRegistry } from './redisRooms';
import { MemoryRoomRegistry, type RoomRegistry } from './rooms';

async function main(): Promise<void> {
  const config = ensureSessionSecret(readConfig());
  const log = createLogger();
  const httpServer = createServer();
  const nextApp = next({
    dev: config.dev,
    dir: process.cwd(),
    httpServer,
    hostname: config.hostname,
    port: config.port,
  });
  const handle = nextApp.getRequestHandler();
  await nextApp.prepare();
  httpServer.on('request', (req, res) => {
    if (req.url?.startsWith('/socket.io/')) return; // socket.io answers these itself
    void handle(req, res);
  });

  let redis: RedisConnections | undefined;
  let registry: RoomRegistry;
  if (config.redisUrl) {
    redis = await connectRedis(config.redisUrl, log);
    registry = new RedisRoomRegistry(redis.data, { nodeId: config.nodeId, log });
  } else {
    registry = new MemoryRoomRegistry();
  }
  const io = createApplication(httpServer, {
    registry,
    config,
    log,
    redis,
    processMetrics: true,
  });

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
    log.info({ port, hostname: config.hostname, dev: config.dev }, 'listening');
    console.log(`> Parley ready on http://${host}:${port}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    io.close(() => {
      void registry
        .close()
        .then(() => redis?.close())
        .finally(() => process.exit(0));
    });
    httpServer.closeAllConnections?.();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
