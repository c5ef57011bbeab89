/**
 * A throwaway network namespace for tests that need Janus to gather ICE
 * candidates: Janus never gathers on a loopback interface, so inside the
 * namespace 127.0.0.1/32 sits on a veth (see /work/shared/TESTING.md). Janus,
 * the app and Chromium all run inside it (`ip netns exec NAME ...`).
 * Only addresses inside this namespace are ever touched; it is deleted on
 * `delete()`, and on process exit if a test forgot (or crashed before) that.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const IP = process.env.IP_PATH || 'ip';

export interface NetNamespace {
  readonly name: string;
  /** The address everything inside listens and connects on (on the veth). */
  readonly address: string;
  /** argv that runs `command args` inside the namespace: spawn(argv[0], argv.slice(1)). */
  exec(command: string, args?: readonly string[]): [string, string[]];
  /** An executable that runs Chromium inside the namespace, for `executablePath`. */
  chromiumWrapper(chromium?: string): string;
  /** Deletes the namespace and its wrapper scripts; safe to call twice. */
  delete(): Promise<void>;
}

function run(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(IP, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ip ${args.join(' ')}: ${stderr.trim()}`)),
    );
  });
}

/** Creates `parley-<random>` with lo up and 127.0.0.1/32 on the veth v0 (peer v1). */
export async function createNetNamespace(): Promise<NetNamespace> {
  const name = `parley-${randomBytes(4).toString('hex')}`;
  const address = '127.0.0.1';
  const scripts = mkdtempSync(join(tmpdir(), `${name}-bin-`));
  let deleted = false;
  const deleteSync = () => {
    if (deleted) return;
    deleted = true;
    spawnSync(IP, ['netns', 'delete', name], { stdio: 'ignore' });
    rmSync(scripts, { recursive: true, force: true });
  };
  process.once('exit', deleteSync);

  const inside = (args: readonly string[]) => run(['netns', 'exec', name, IP, ...args]);
  try {
    await run(['netns', 'add', name]);
    // No IPv6 inside: the veth's link-local addresses would otherwise finish
    // duplicate address detection ~1-2 s after setup, and a Chromium started by
    // then sees a network change that aborts its page loads (ERR_NETWORK_CHANGED).
    const noIpv6 = ['all', 'default'].map((k) => `net.ipv6.conf.${k}.disable_ipv6=1`);
    await run(['netns', 'exec', name, 'sysctl', '-q', '-w', ...noIpv6]);
    await inside(['link', 'set', 'lo', 'up']);
    await inside(['link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
    await inside(['link', 'set', 'v0', 'up']);
    await inside(['link', 'set', 'v1', 'up']);
    await inside(['addr', 'add', `${address}/32`, 'dev', 'v0']);
  } catch (err) {
    process.removeListener('exit', deleteSync);
    deleteSync();
    throw err;
  }

  return {
    name,
    address,
    exec(command, args = []) {
      return [IP, ['netns', 'exec', name, command, ...args]];
    },
    chromiumWrapper(chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium') {
      const path = join(scripts, 'chromium');
      writeFileSync(path, `#!/bin/sh\nexec ${IP} netns exec ${name} ${chromium} "$@"\n`);
      chmodSync(path, 0o755);
      return path;
    },
    async delete() {
      process.removeListener('exit', deleteSync);
      deleteSync();
    },
  };
}

/** Runs `fn` with a fresh namespace and deletes it afterwards, whatever happens. */
export async function withNetNamespace<T>(fn: (ns: NetNamespace) => Promise<T>): Promise<T> {
  const ns = await createNetNamespace();
  try {
    return await fn(ns);
  } finally {
    await ns.delete();
  }
}
