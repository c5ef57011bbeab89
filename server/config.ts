import type { IceServer } from '../lib/protocol';

export interface ServerConfig {
  port: number;
  hostname: string;
  dev: boolean;
  maxParticipants: number;
  iceServers: IceServer[];
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
  const stun = listFromEnv(env, 'STUN_URLS');
  return {
    port: intFromEnv(env, 'PORT', 3000, 0, 65535),
    hostname: env.HOSTNAME || '0.0.0.0',
    dev: argv.includes('--dev'),
    maxParticipants: intFromEnv(env, 'MAX_PARTICIPANTS', 8, 2, 50),
    iceServers: stun.length ? [{ urls: stun }] : [],
  };
}
