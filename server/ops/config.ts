import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Janus VideoRoom (the SFU) for rooms past MESH_MAX people. */
export interface JanusConfig {
  /** Janus's WebSocket API, e.g. ws://127.0.0.1:8188 (never exposed to browsers). */
  url: string;
  /** Janus's `api_secret` (janus.jcfg). */
  apiSecret: string;
  /** The VideoRoom plugin's `admin_key` (janus.plugin.videoroom.jcfg): creates rooms. */
  adminKey: string;
}

export interface TurnConfig {
  urls: string[];
  /** coturn's `static-auth-secret` (REST API credentials). */
  secret: string;
  ttlSeconds: number;
}

/** Abuse limits: per socket and per node, or per address / room and shared through Redis when set. */
export interface RateLimits {
  /** Client events a socket may send per second, on average... */
  messagesPerSecond: number;
  /** ...and at once: ICE candidate storms, a renegotiation with many peers. */
  messageBurst: number;
  /** New socket.io connections per client IP per minute. */
  connectionsPerMinute: number;
  /**
   * Room peeks and room entries that find an empty room (what enumerating room
   * ids produces), per client IP per minute. Entries into rooms where people
   * are never count. Past the limit, peeks and entries into empty rooms are
   * refused until the minute ends.
   */
  entriesPerMinute: number;
  /** Wrong passcodes per client IP per minute; past it, passcodes are not even compared. */
  passcodeAttemptsPerMinute: number;
  /** Wrong passcodes per room per minute, from any address. */
  passcodeRoomAttemptsPerMinute: number;
}

export interface ServerConfig {
  port: number;
  hostname: string;
  dev: boolean;
  maxParticipants: number;
  stunUrls: string[];
  turn: TurnConfig | null;
  /** How long a participant whose socket closed may come back silently. */
  presenceGraceMs: number;
  /** Signs resume tokens; shared by every node, kept across restarts. Empty: see ensureSessionSecret. */
  sessionSecret: string;
  /** Several nodes share rooms through this Redis; null: one process, in memory. */
  redisUrl: string | null;
  /** Names this process in the registry, logs and metrics. */
  nodeId: string;
  /** Browser origins allowed to open a socket; empty: only the page's own origin (Host). */
  allowedOrigins: string[];
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  limits: RateLimits;
  /** Rooms past `meshMax` people move to this Janus; null: every room is a mesh. */
  janus: JanusConfig | null;
  /** People a room holds as a mesh (with Janus configured); one more moves it to Janus. */
  meshMax: number;
}

function intFromEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function listFromEnv(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv,
): ServerConfig {
  const turnUrls = listFromEnv(env, 'TURN_URLS');
  const turnSecret = env.TURN_SECRET ?? '';
  if (turnUrls.length > 0 && !turnSecret)
    throw new Error('TURN_URLS is set but TURN_SECRET is not');
  const janus = env.JANUS_URL
    ? {
        url: env.JANUS_URL,
        apiSecret: env.JANUS_API_SECRET ?? '',
        adminKey: env.JANUS_ADMIN_KEY ?? '',
      }
    : null;
  if (janus && (!janus.apiSecret || !janus.adminKey))
    throw new Error('JANUS_URL is set but JANUS_API_SECRET or JANUS_ADMIN_KEY is not');
  return {
    port: intFromEnv(env, 'PORT', 3000, 0, 65535),
    hostname: env.HOSTNAME || '0.0.0.0',
    dev: argv.includes('--dev'),
    maxParticipants: intFromEnv(env, 'MAX_PARTICIPANTS', janus ? 30 : 8, 2, janus ? 100 : 50),
    stunUrls: listFromEnv(env, 'STUN_URLS'),
    turn: turnUrls.length
      ? {
          urls: turnUrls,
          secret: turnSecret,
          ttlSeconds: intFromEnv(env, 'TURN_TTL', 4 * 3600, 60, 7 * 24 * 3600),
        }
      : null,
    presenceGraceMs: intFromEnv(env, 'PRESENCE_GRACE_MS', 3000, 0, 60_000),
    sessionSecret: env.SESSION_SECRET || '',
    redisUrl: env.REDIS_URL || null,
    janus,
    meshMax: intFromEnv(env, 'MESH_MAX', 4, 1, 50),
    nodeId: env.NODE_ID || `${hostname()}-${process.pid}`,
    allowedOrigins: listFromEnv(env, 'ALLOWED_ORIGINS').map((o) => o.replace(/\/+$/, '')),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    limits: {
      messagesPerSecond: intFromEnv(env, 'RATE_MESSAGES_PER_SECOND', 50, 1, 100_000),
      messageBurst: intFromEnv(env, 'RATE_MESSAGE_BURST', 300, 1, 100_000),
      connectionsPerMinute: intFromEnv(env, 'RATE_CONNECTIONS_PER_MINUTE', 300, 1, 1_000_000),
      entriesPerMinute: intFromEnv(env, 'RATE_ENTRIES_PER_MINUTE', 120, 1, 1_000_000),
      passcodeAttemptsPerMinute: intFromEnv(env, 'RATE_PASSCODES_PER_MINUTE', 10, 1, 10_000),
      passcodeRoomAttemptsPerMinute: intFromEnv(env, 'RATE_PASSCODES_PER_ROOM', 30, 1, 100_000),
    },
  };
}

/**
 * Without SESSION_SECRET, one is made on first start and kept in
 * `.parley/session-secret`, so clients keep their seats across a restart.
 */
export function ensureSessionSecret(
  config: ServerConfig,
  dir = join(process.cwd(), '.parley'),
): ServerConfig {
  if (config.sessionSecret) return config;
  const file = join(dir, 'session-secret');
  try {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 32) return { ...config, sessionSecret: saved };
  } catch {
    // not made yet
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, secret, { mode: 0o600 });
  } catch {
    // read-only disk: the secret lives as long as the process
  }
  return { ...config, sessionSecret: secret };
}
