// A real coturn on loopback for TURN tests, with REST-API (shared secret) auth;
// with a network namespace, inside it (beside a Janus that must reach its relay).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { NetNamespace } from '../../support/netns';
import { waitFor } from './wait';

export interface TurnServer {
  url: string;
  port: number;
  /** What coturn logged so far. */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The same check run inside a namespace (its 127.0.0.1 is not ours). */
function acceptsInside(ns: NetNamespace, port: number): boolean {
  const script = `require('net').connect(${port}, '127.0.0.1', () => process.exit(0)).on('error', () => process.exit(1))`;
  const [cmd, args] = ns.exec(process.execPath, ['-e', script]);
  return spawnSync(cmd, args, { stdio: 'ignore', timeout: 5000 }).status === 0;
}

export interface TurnOptions {
  /** Run coturn inside this namespace, listening and relaying on its 127.0.0.1. */
  netns?: NetNamespace;
}

export async function startTurn(secret: string, { netns }: TurnOptions = {}): Promise<TurnServer> {
  const binary = ['/usr/bin/turnserver', '/usr/sbin/turnserver'].find((p) => existsSync(p));
  if (!binary)
    throw new Error('turnserver not found: install coturn (Debian: apt-get install -y coturn)');
  const port = await freePort();
  const relayBase = 50000 + Math.floor(Math.random() * 10000);
  const output: string[] = [];
  const turnArgs = [
    '-n',
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${port}`,
    `--min-port=${relayBase}`,
    `--max-port=${relayBase + 100}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    '--realm=parley.test',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--allow-loopback-peers',
    '--fingerprint',
    '--log-file=stdout',
    '--simple-log',
  ];
  const [command, args] = netns ? netns.exec(binary, turnArgs) : [binary, turnArgs];
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`turnserver exited: ${output.join('').slice(-2000)}`);
      return netns ? acceptsInside(netns, port) : accepts(port);
    },
    { timeout: 15_000, interval: 100, message: 'turnserver listening' },
  );
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    port,
    output: () => output.join(''),
    async stop() {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await done;
      clearTimeout(timer);
    },
  };
}
