// Runs the real Parley server (production build, Next + socket.io in one
// process) as a child process, the way `npm start` does after its build step.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serverBundle } from '../../../scripts/build-if-needed.mjs';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const READY_LINE = /^> Parley ready on (https?:\/\/\S+)\s*$/;
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const TAIL_LINES = 300;

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ParleyServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  process: ChildProcess;
  /** The variables this server was started with on top of the defaults. */
  env: Record<string, string>;
  /** Resolves when the process has exited, however that happened. */
  exited: Promise<ServerExit>;
  /** The last lines the server printed (stdout and stderr interleaved). */
  output(): string;
  /** SIGTERM, wait for a clean exit; SIGKILL if it takes more than 10 s. */
  stop(): Promise<void>;
  /** SIGKILL at once (a crash, as far as clients can tell); resolves on exit. */
  kill(): Promise<void>;
}

// A test that fails before its afterAll must not leave servers behind.
const running = new Set<ChildProcess>();
const cleanupKey = Symbol.for('parley.e2e.serverCleanup');
const registry = globalThis as typeof globalThis & { [cleanupKey]?: boolean };
if (!registry[cleanupKey]) {
  registry[cleanupKey] = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

class Tail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly onLine?: (line: string) => void) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.add(line);
  }

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
    this.onLine?.(line);
  }

  text(): string {
    return [...this.lines, this.partial].filter(Boolean).join('\n');
  }
}

function baseEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'TEST') env[key] = value;
  }
  return env;
}

/**
 * Starts the server exactly as `npm start` runs it (the bundle that
 * scripts/build-if-needed.mjs makes; the e2e global setup builds it), with NODE_ENV=production, PORT=0
 * (a free port) and HOSTNAME=127.0.0.1 unless `env` says otherwise, and
 * resolves once it prints its ready line. To restart on the same port, stop
 * it and call `startServer({ ...server.env, PORT: String(server.port) })`.
 */
export function startServer(env: Record<string, string> = {}): Promise<ParleyServer> {
  const child = spawn(process.execPath, [serverBundle(ROOT)], {
    cwd: ROOT,
    env: {
      ...baseEnv(),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: '0',
      HOSTNAME: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);

  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const all = new Tail();
  const stderr = new Tail((line) => all.add(`[stderr] ${line}`));
  let onReady: (url: string) => void = () => {};
  const stdout = new Tail((line) => {
    all.add(line);
    const match = READY_LINE.exec(line);
    if (match) onReady(match[1].replace(/\/$/, ''));
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));

  const kill = async () => {
    if (!hasExited()) child.kill('SIGKILL');
    await exited;
  };
  const stop = async () => {
    if (hasExited()) return;
    child.kill('SIGTERM');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), STOP_GRACE_MS);
    });
    const outcome = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (outcome === 'late') await kill();
  };

  return new Promise<ParleyServer>((resolve, reject) => {
    const failed = (why: string) => {
      clearTimeout(timer);
      const printed = stderr.text() || '(nothing)';
      reject(
        new Error(
          `Parley server ${why}.\n--- stderr ---\n${printed}\n--- output ---\n${all.text()}`,
        ),
      );
    };
    const timer = setTimeout(() => {
      void kill();
      failed(`printed no ready line within ${START_TIMEOUT_MS / 1000} s`);
    }, START_TIMEOUT_MS);
    child.once('error', (error) => failed(`could not be started: ${error.message}`));
    void exited.then(({ code, signal }) => {
      failed(`exited before it was ready (code ${code}, signal ${signal})`);
    });
    onReady = (url) => {
      clearTimeout(timer);
      resolve({
        url,
        port: Number(new URL(url).port),
        process: child,
        env,
        exited,
        output: () => all.text(),
        stop,
        kill,
      });
    };
  });
}
