import type { IncomingHttpHeaders } from 'node:http';
import { TokenBucket } from '@/lib/util/tokenBucket';
import type { RateLimits } from './config';

/** Counts events per key in fixed one-minute windows. */
export class MinuteCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  /** Counts one event for `key`; false when the key is over its limit this minute. */
  take(key: string, now = Date.now()): boolean {
    let window = this.windows.get(key);
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size > 10_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count <= this.perMinute;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= 60_000) this.windows.delete(key);
    }
  }
}

/**
 * Per-node flood limits: per socket (events) and per IP (connections). What
 * enumeration and guessing produce (misses, wrong passcodes) is counted by an
 * AttemptCounter in the handlers instead (see ./attempts.ts).
 */
export class Limiter {
  private readonly buckets = new WeakMap<object, TokenBucket>();
  private readonly connections: MinuteCounter;

  constructor(
    private readonly limits: Pick<
      RateLimits,
      'messagesPerSecond' | 'messageBurst' | 'connectionsPerMinute'
    >,
  ) {
    this.connections = new MinuteCounter(limits.connectionsPerMinute);
  }

  /** One client event from `socket`; false when it is over its rate. */
  message(socket: object): boolean {
    let bucket = this.buckets.get(socket);
    if (!bucket) {
      bucket = new TokenBucket(this.limits.messageBurst, this.limits.messagesPerSecond);
      this.buckets.set(socket, bucket);
    }
    return bucket.take();
  }

  connection(ip: string): boolean {
    return this.connections.take(ip);
  }
}

/** The client's address: the socket's peer, or behind a trusted proxy the first X-Forwarded-For hop. */
export function clientAddress(
  headers: IncomingHttpHeaders,
  remoteAddress: string | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const forwarded = headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return remoteAddress ?? 'unknown';
}

/**
 * Whether a browser on `origin` may open a socket. No Origin header: not a
 * browser (browsers always send one on WebSocket and cross-origin requests).
 * Without a configured list, only the page's own origin (same host) is allowed.
 */
export function originAllowed(
  origin: string | undefined,
  headers: IncomingHttpHeaders,
  allowed: string[],
  trustProxy: boolean,
): boolean {
  if (origin === undefined) return true;
  if (allowed.length > 0) return allowed.includes(origin) || allowed.includes('*');
  const forwardedHost = trustProxy ? headers['x-forwarded-host'] : undefined;
  const host = (Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost) ?? headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host.split(',')[0]?.trim();
  } catch {
    return false;
  }
}
