/**
 * A real Janus (Debian's `janus` 1.1.x) for one test: its config written to a
 * temp folder (never /etc/janus), a free WebSocket port on 127.0.0.1, a private
 * RTP port range, random api_secret / admin_key, run in the foreground with
 * `janus -F DIR -o -N -L LOG`. `start()` resolves once Janus answers `info`;
 * `restart()` kills it and starts it again on the same port (rooms are lost,
 * as in a real crash); `stop()` SIGTERMs it (SIGKILL after 3 s) and removes the
 * folder. With `netns`, Janus runs inside that namespace (for ICE, see
 * netns.ts) and is probed from inside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Janode, { type JanusServerInfo } from 'janode';
import type { NetNamespace } from './netns';

export const JANUS = process.env.JANUS_PATH || 'janus';
const LIB = process.env.JANUS_LIB_DIR || '/usr/lib/x86_64-linux-gnu/janus';
const PROBE = fileURLToPath(new URL('./janus-probe.mjs', import.meta.url));
Janode.Logger.setLevel('none');

const DISABLED_PLUGINS = [
  'audiobridge',
  'duktape',
  'echotest',
  'lua',
  'nosip',
  'recordplay',
  'sip',
  'streaming',
  'textroom',
  'videocall',
  'voicemail',
].map((name) => `libjanus_${name}.so`);
const DISABLED_TRANSPORTS = ['http', 'mqtt', 'nanomsg', 'pfunix', 'rabbitmq'].map(
  (name) => `libjanus_${name}.so`,
);

export interface JanusOptions {
  /** Run (and probe) Janus inside this namespace, listening on its address. */
  netns?: NetNamespace;
  /** Janus's log level, 0-7 (default 4, info). */
  debugLevel?: number;
  /** How long start() waits for `info` (default 10 s). */
  startTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A random block of 200 ports in 20000-39999, so parallel Janus instances rarely meet. */
function rtpRange(): string {
  const start = 20000 + 200 * Math.floor(Math.random() * 100);
  return `${start}-${start + 199}`;
}

/** Asks Janus for `info` from this process until it answers or the time is up. */
async function probeHere(url: string, apisecret: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Janode.connect({ address: { url, apisecret }, max_retries: 0 });
      try {
        return await connection.getInfo();
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** The same probe run as a child process inside a namespace (see janus-probe.mjs). */
export function probeInside(ns: NetNamespace, url: string, apisecret: string, timeoutMs: number) {
  const [cmd, args] = ns.exec(process.execPath, [PROBE, url, apisecret, String(timeoutMs)]);
  return new Promise<JanusServerInfo>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as JanusServerInfo);
      else reject(new Error(err.trim() || `probe exited with ${code}`));
    });
  });
}

export class JanusServer {
  readonly apiSecret = randomBytes(12).toString('hex');
  readonly adminKey = randomBytes(12).toString('hex');
  readonly dir = mkdtempSync(join(tmpdir(), 'parley-janus-'));
  readonly logFile = join(this.dir, 'janus.log');
  /** Milliseconds from the last spawn to Janus answering `info`. */
  readyAfterMs = 0;
  private child: ChildProcess | null = null;

  private constructor(
    readonly host: string,
    readonly port: number,
    private readonly options: JanusOptions,
  ) {
    this.writeConfig();
  }

  get url(): string {
    return `ws://${this.host}:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  static async start(options: JanusOptions = {}): Promise<JanusServer> {
    const host = options.netns?.address ?? '127.0.0.1';
    const server = new JanusServer(host, await freePort(), options);
    try {
      await server.spawn();
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  private writeConfig(): void {
    const adminSecret = randomBytes(12).toString('hex');
    const general = [
      `configs_folder = "${this.dir}"`,
      `plugins_folder = "${LIB}/plugins"`,
      `transports_folder = "${LIB}/transports"`,
      `events_folder = "${LIB}/events"`,
      `loggers_folder = "${LIB}/loggers"`,
      `debug_level = ${this.options.debugLevel ?? 4}`,
      'session_timeout = 60',
      `admin_secret = "${adminSecret}"`,
      `api_secret = "${this.apiSecret}"`,
    ];
    const files: Record<string, string> = {
      'janus.jcfg': `general: {\n  ${general.join('\n  ')}\n}
media: {\n  rtp_port_range = "${rtpRange()}"\n}
nat: {\n  ice_enforce_list = "${this.host}"\n  ignore_mdns = true\n}
plugins: {\n  disable = "${DISABLED_PLUGINS.join(',')}"\n}
transports: {\n  disable = "${DISABLED_TRANSPORTS.join(',')}"\n}
events: {\n  broadcast = false\n}\n`,
      'janus.transport.websockets.jcfg': `general: {
  json = "compact"\n  ws = true\n  ws_port = ${this.port}\n  ws_ip = "${this.host}"\n  wss = false\n}
admin: {\n  admin_ws = false\n  admin_wss = false\n}\n`,
      'janus.plugin.videoroom.jcfg': `general: {
  string_ids = true\n  admin_key = "${this.adminKey}"\n  lock_rtp_forward = true\n}\n`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(this.dir, name), text);
  }

  /** Starts Janus (again, same port and config) and waits until it answers `info`. */
  async spawn(): Promise<JanusServerInfo> {
    if (this.child) throw new Error('Janus is already running');
    const started = Date.now();
    const janusArgs = ['-F', this.dir, '-o', '-N', '-L', this.logFile];
    const [cmd, args] = this.options.netns
      ? this.options.netns.exec(JANUS, janusArgs)
      : [JANUS, janusArgs];
    const child = spawn(cmd, args, { stdio: 'ignore' });
    this.child = child;
    const exited = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`janus exited (${code ?? signal}) before answering:\n${this.logTail()}`)),
      );
    });
    exited.catch(() => {});
    const timeout = this.options.startTimeoutMs ?? 10_000;
    const ns = this.options.netns;
    const probe = ns
      ? probeInside(ns, this.url, this.apiSecret, timeout)
      : probeHere(this.url, this.apiSecret, timeout);
    const info = await Promise.race([probe, exited]);
    this.readyAfterMs = Date.now() - started;
    return info;
  }

  /** SIGKILLs Janus, as a crash would (every room and session is lost). */
  async kill(): Promise<void> {
    await this.signal('SIGKILL', 3_000);
  }

  /** Kills Janus and starts it again on the same port. */
  async restart(): Promise<JanusServerInfo> {
    await this.kill();
    return this.spawn();
  }

  /** SIGTERM (SIGKILL after 3 s), then removes the temp folder. Safe to call twice. */
  async stop(): Promise<void> {
    if (!(await this.signal('SIGTERM', 3_000))) await this.signal('SIGKILL', 3_000);
    if (!process.env.PARLEY_KEEP_JANUS_LOGS) rmSync(this.dir, { recursive: true, force: true });
  }

  /** The last lines of Janus's log, for failure messages. */
  logTail(lines = 30): string {
    if (!existsSync(this.logFile)) return '(no log)';
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }

  /** Sends `signal` and waits up to `waitMs` for the exit; true once Janus is gone. */
  private async signal(signal: NodeJS.Signals, waitMs: number): Promise<boolean> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.child = null;
      return true;
    }
    const gone = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
      child.kill(signal);
    });
    if (gone) this.child = null;
    return gone;
  }
}
