// The real Parley server (production bundle) started inside a network namespace,
// beside a Janus in the same namespace: what SFU browser tests need, since Janus
// never gathers ICE candidates on a loopback interface (see tests/support/netns.ts).
import { spawn } from 'node:child_process';
import { serverBundle } from '../../../scripts/build-if-needed.mjs';
import type { Browser } from 'playwright-core';
import { freePort, type JanusServer } from '../../support/janus';
import type { NetNamespace } from '../../support/netns';
import { launchBrowser } from './browser';
import { ROOT } from './server';

const READY_LINE = /^> Parley ready on (https?:\/\/\S+)\s*$/m;
const START_TIMEOUT_MS = 60_000;

export interface NamespacedServer {
  url: string;
  /** Its port (start another on it, with the same env, to play a restart). */
  port: number;
  /** What it was started with, on top of the defaults. */
  env: Record<string, string>;
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL: a crash, no draining. */
  kill(): Promise<void>;
}

/** Starts `npm start`'s bundle inside `ns` on a free port (or `port`) of its address, with `env` on top. */
export async function startServerIn(
  ns: NetNamespace,
  env: Record<string, string>,
  port?: number,
): Promise<NamespacedServer> {
  port ??= await freePort();
  const [cmd, args] = ns.exec(process.execPath, [serverBundle(ROOT)]);
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOSTNAME: ns.address,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const read = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
      const match = READY_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => reject(new Error(`server exited:\n${output}`)));
  });
  return {
    url,
    port,
    env,
    output: () => output,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 8_000);
      await exited;
      clearTimeout(late);
    },
  };
}

/** What Parley needs to reach `janus` (its URL and secrets). */
export function janusEnv(janus: JanusServer): Record<string, string> {
  return {
    JANUS_URL: janus.url,
    JANUS_API_SECRET: janus.apiSecret,
    JANUS_ADMIN_KEY: janus.adminKey,
  };
}

/** Chromium inside `ns` (127.0.0.1 sits on a veth there, so loopback ICE is allowed), with more flags. */
export function launchBrowserIn(ns: NetNamespace, args: string[] = []): Promise<Browser> {
  return launchBrowser({
    executablePath: ns.chromiumWrapper(),
    args: ['--allow-loopback-in-peer-connection', ...args],
  });
}
