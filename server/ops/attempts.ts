import { createHash } from 'node:crypto';
import type { RedisClient } from './redis';

/**
 * Counts attempts per key (a client address, a room) in fixed windows: what
 * enumeration and guessing produce (peeks and entries that find an empty room,
 * wrong passcodes), never what people in a call do. In memory for one node,
 * in Redis when several nodes share the counters.
 */
export interface AttemptCounter {
  /** Counts one attempt; resolves to 0 while within `limit`, else ms until the window ends. */
  hit(key: string, limit: number, windowMs: number): Promise<number>;
  /** Without counting: 0 while `key` is within `limit`, else ms until it is again. */
  check(key: string, limit: number): Promise<number>;
}

export class MemoryAttemptCounter implements AttemptCounter {
  private readonly windows = new Map<string, { end: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowMs: number): Promise<number> {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.end <= now) {
      if (this.windows.size > 10_000) this.prune(now);
      window = { end: now + windowMs, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > limit ? window.end - now : 0;
  }

  async check(key: string, limit: number): Promise<number> {
    const now = this.now();
    const window = this.windows.get(key);
    return window && window.end > now && window.count >= limit ? window.end - now : 0;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (window.end <= now) this.windows.delete(key);
  }
}

/** INCR, an expiry on the first hit, and the time left: one atomic round trip. */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }
`;
const HIT_SHA = createHash('sha1').update(HIT).digest('hex');

/** The same counters shared by every node through Redis (keys expire with their window). */
export class RedisAttemptCounter implements AttemptCounter {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = 'parley:attempts:',
  ) {}

  async hit(key: string, limit: number, windowMs: number): Promise<number> {
    const args = { keys: [this.prefix + key], arguments: [String(windowMs)] };
    let reply: unknown;
    try {
      reply = await this.client.evalSha(HIT_SHA, args);
    } catch (err) {
      if (!(err instanceof Error && err.message.startsWith('NOSCRIPT'))) throw err;
      reply = await this.client.eval(HIT, args);
    }
    const [count, ttl] = Array.isArray(reply) ? reply.map(Number) : [0, 0];
    return (count ?? 0) > limit ? Math.max(1, ttl ?? windowMs) : 0;
  }

  async check(key: string, limit: number): Promise<number> {
    const full = this.prefix + key;
    const [count, ttl] = await Promise.all([this.client.get(full), this.client.pTTL(full)]);
    return Number(count ?? 0) >= limit && ttl > 0 ? ttl : 0;
  }
}
