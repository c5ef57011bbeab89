// A real coturn on loopback for TURN tests, with REST-API (shared secret) auth.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { waitFor } from './wait';

export interface TurnServer {
  url: string;
  port: number;
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

export async function startTurn(secret: string): Promise<TurnServer> {
  const binary = ['/usr/bin/turnserver', '/usr/sbin/turnserver'].find((p) => existsSync(p));
  if (!binary)
    throw new Error('turnserver not found: install coturn (Debian: apt-get install -y coturn)');
  const port = await freePort();
  const relayBase = 50000 + Math.floor(Math.random() * 10000);
  const output: string[] = [];
  const child: ChildProcess = spawn(
    binary,
    [
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
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`turnserver exited: ${output.join('').slice(-2000)}`);
      return accepts(port);
    },
    { timeout: 15_000, interval: 100, message: 'turnserver listening' },
  );
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    port,
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
