import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TurnConfig {
  urls: string[];
  /** coturn's `static-auth-secret` (REST API credentials). */
  secret: string;
  ttlSeconds: number;
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
  const value = Number(raw);
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
  return {
    port: intFromEnv(env, 'PORT', 3000, 0, 65535),
    hostname: env.HOSTNAME || '0.0.0.0',
    dev: argv.includes('--dev'),
    maxParticipants: intFromEnv(env, 'MAX_PARTICIPANTS', 8, 2, 50),
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
