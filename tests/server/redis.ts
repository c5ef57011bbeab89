/**
 * A real redis-server for tests: started on a free port as a child process,
 * with no persistence, stopped (or killed and started again) by the test.
 * Also: a whole Parley node (socket.io + Redis adapter + Redis registry) on port 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createApplication, nodeHooks } from '@/server/app';
import type { ServerConfig } from '@/server/ops/config';
import type { ParleyServer } from '@/server/handlers';
import { connectRedis, newRedisClient, type RedisConnections } from '@/server/ops/redis';
import { createHeartbeat, RedisRoomRegistry, type NodeHeartbeat } from '@/server/rooms/redis';
import { connectTo, RecordingLogger, testConfig, type ClientSocket } from './helpers';

export const REDIS_SERVER = process.env.REDIS_SERVER_PATH || 'redis-server';

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls until `probe` holds, each attempt a real round trip or a short wait for one. */
export async function waitUntil(
  probe: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export class RedisServer {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.spawn();
    return server;
  }

  /** Starts (again) on the same port and waits until it answers PING. */
  async spawn(): Promise<void> {
    const child = spawn(
      REDIS_SERVER,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`))),
    );
    exited.catch(() => {});
    const ping = async () => {
      const client = newRedisClient(this.url, false);
      client.on('error', () => {});
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        if (client.isOpen) client.destroy();
      }
    };
    await Promise.race([waitUntil(ping, 10_000, 'redis-server answering'), exited]);
  }

  /** SIGKILLs the server (state is lost: it never saves) and waits for it to be gone. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  stop(): Promise<void> {
    return this.kill();
  }
}

export interface TestNode {
  url: string;
  io: ParleyServer;
  http: HttpServer;
  registry: RedisRoomRegistry;
  heartbeat: NodeHeartbeat;
  redis: RedisConnections;
  config: ServerConfig;
  log: RecordingLogger;
  connect(): Promise<ClientSocket>;
  /** A clean stop. */
  close(): Promise<void>;
  /** Dies as a killed process would: no cleanup, no goodbye, connections just drop. */
  crash(): Promise<void>;
}

export interface NodeOptions {
  nodeId: string;
  config?: Partial<ServerConfig>;
  heartbeatMs?: number;
  nodeTtlMs?: number;
}

/** One Parley node on port 0, sharing rooms with the others through `redisUrl`. */
export async function startNode(redisUrl: string, options: NodeOptions): Promise<TestNode> {
  const log = new RecordingLogger();
  const config = testConfig({ nodeId: options.nodeId, redisUrl, ...options.config });
  const redis = await connectRedis(redisUrl, log);
  const registry = new RedisRoomRegistry(redis.data, { nodeId: options.nodeId });
  const http = createServer();
  const io = createApplication(http, { registry, config, log, redis });
  const heartbeat = createHeartbeat(registry, nodeHooks(io, log), {
    heartbeatMs: options.heartbeatMs ?? 250,
    nodeTtlMs: options.nodeTtlMs ?? 1000,
    log,
  });
  heartbeat.start();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];
  const shutdown = async () => {
    for (const socket of clients) socket.disconnect();
    await new Promise<void>((resolve) => {
      io.close(() => resolve());
      http.closeAllConnections();
    });
  };
  return {
    url,
    io,
    http,
    registry,
    heartbeat,
    redis,
    config,
    log,
    async connect() {
      const socket = await connectTo(url);
      clients.push(socket);
      return socket;
    },
    async close() {
      await shutdown();
      heartbeat.stop();
      await registry.close();
      await redis.close();
    },
    async crash() {
      heartbeat.stop();
      registry.destroy();
      for (const c of [redis.data, redis.pub, redis.sub]) if (c.isOpen) c.destroy();
      await shutdown();
    },
  };
}
