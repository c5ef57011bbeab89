// The namespace helper browser tests use: Janus inside a namespace of our own,
// where 127.0.0.1/32 sits on a veth, reached from inside that namespace.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JanusServer, probeInside } from '../../support/janus';
import { createNetNamespace, type NetNamespace } from '../../support/netns';

let ns: NetNamespace;
let janus: JanusServer | undefined;

beforeAll(async () => {
  ns = await createNetNamespace();
});

afterAll(async () => {
  await janus?.stop();
  await ns?.delete();
});

const namespaces = () => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });

it('puts 127.0.0.1/32 on a veth inside the namespace', () => {
  const [cmd, args] = ns.exec('ip', ['-o', '-4', 'addr', 'show', 'dev', 'v0']);
  const out = execFileSync(cmd, args, { encoding: 'utf8' });
  expect(out).toContain('inet 127.0.0.1/32');
});

it('runs Janus inside and answers `info` from inside, not from outside', async () => {
  janus = await JanusServer.start({ netns: ns });
  const info = await probeInside(ns, janus.url, janus.apiSecret, 5_000);
  expect(info.version_string).toMatch(/^1\.1\./);
  expect(Object.keys(info.plugins)).toEqual(['janus.plugin.videoroom']);
  // The host's loopback has no Janus on that port: the namespace really is separate.
  const outside = spawnSync(process.execPath, [
    '-e',
    `require('net').connect(${janus.port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(3))`,
  ]);
  expect(outside.status).toBe(3);
  await janus.restart();
  await probeInside(ns, janus.url, janus.apiSecret, 5_000);
});

it('writes a Chromium wrapper that runs Chromium inside the namespace', () => {
  const wrapper = ns.chromiumWrapper('/usr/bin/chromium');
  expect(existsSync(wrapper)).toBe(true);
  expect(readFileSync(wrapper, 'utf8')).toContain(`netns exec ${ns.name} /usr/bin/chromium "$@"`);
});

it('deletes the namespace and is safe to delete twice', async () => {
  const extra = await createNetNamespace();
  expect(namespaces()).toContain(extra.name);
  await extra.delete();
  await extra.delete();
  expect(namespaces()).not.toContain(extra.name);
});
