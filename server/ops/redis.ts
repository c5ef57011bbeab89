import { createClient } from 'redis';
import type { Logger } from './logger';

export interface RedisConnections {
  /** Registry commands; fails fast while Redis is away instead of queueing. */
  data: RedisClient;
  /** The socket.io adapter's publisher and subscriber. */
  pub: RedisClient;
  sub: RedisClient;
  isReady(): boolean;
  close(): Promise<void>;
}

/** Back off up to 2 s between attempts, forever: a Redis restart is survived. */
const reconnectStrategy = (retries: number) => Math.min(100 + retries * 100, 2000);

/** A Redis client that reconnects forever; `offlineQueue: false` fails commands fast while down. */
export function newRedisClient(url: string, offlineQueue = true) {
  return createClient({
    url,
    socket: { reconnectStrategy, connectTimeout: 5000 },
    disableOfflineQueue: !offlineQueue,
  });
}

export type RedisClient = ReturnType<typeof newRedisClient>;

function client(url: string, name: string, log: Logger, offlineQueue: boolean): RedisClient {
  const c = newRedisClient(url, offlineQueue);
  let down = false;
  c.on('error', (err: unknown) => {
    if (down) return; // one line per outage, not one per retry
    down = true;
    log.warn({ redis: name, err: String(err) }, 'redis connection lost');
  });
  c.on('ready', () => {
    if (down) log.info({ redis: name }, 'redis reconnected');
    down = false;
  });
  return c;
}

/** Opens the three connections a node needs. Resolves once all are connected. */
export async function connectRedis(url: string, log: Logger): Promise<RedisConnections> {
  const data = client(url, 'registry', log, false);
  const pub = client(url, 'pub', log, true);
  // The adapter publishes without catching; a publish after close must not
  // become an unhandled rejection (a crash).
  const publish = pub.publish.bind(pub);
  Object.defineProperty(pub, 'publish', {
    value: (channel: string, message: string) =>
      publish(channel, message).catch((err: unknown) => {
        log.warn({ err: String(err) }, 'redis publish failed');
        return 0;
      }),
  });
  const sub = client(url, 'sub', log, true);
  await Promise.all([data.connect(), pub.connect(), sub.connect()]);
  const all = [data, pub, sub];
  return {
    data,
    pub,
    sub,
    isReady: () => all.every((c) => c.isReady),
    async close() {
      await Promise.all(
        all.map((c) => (c.isOpen ? c.close().catch(() => c.destroy()) : Promise.resolve())),
      );
    },
  };
}
