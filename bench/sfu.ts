// SFU benchmark: the same call of 4, 6 and 8 people as a full mesh and through
// Janus, in one run, on this machine. Real Chromium (one context per person,
// fake camera at 320x240 and 10 fps, as the SFU browser test uses), the real
// production server and a real Janus, all inside one network namespace (Janus
// never gathers ICE candidates on loopback; tests/support/netns.ts).
//
// Two servers run side by side: one with MESH_MAX=50 (the room stays a mesh)
// and one with MESH_MAX=1 (the room moves to Janus when its second person
// arrives, so everyone after joins it directly). Per call: from N-1 Join clicks
// made together until those pages decode each other; then, the call settled,
// the last person joins: from that click until every page decodes all N-1
// others (the "last join -> all decoding"); then a window with
// the browser's CPU (every Chromium process in the namespace), RTP sent per
// person, frames decoded per remote, and Janus's CPU and memory.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildIfNeeded } from '../scripts/build-if-needed.mjs';
import { TID, waitForHydration } from '../tests/e2e/support/app';
import {
  janusEnv,
  launchBrowserIn,
  startServerIn,
  type NamespacedServer,
} from '../tests/e2e/support/sfuServer';
import { smallCapture } from '../tests/e2e/support/smallCapture';
import { JanusServer } from '../tests/support/janus';
import { createNetNamespace, type NetNamespace } from '../tests/support/netns';
import { generateRoomId } from '../lib/view/roomId';
import { readRtp, waitForDecodedFrames, type PageRtp } from './lib/pageStats';
import { benchParticipant, type BenchParticipant } from './lib/participant';
import { cpuSeconds, rssBytes } from './lib/proc';
import { ROOT, writeResult } from './lib/results';
import { fmt, mean } from './lib/stats';
import { markdownTable } from './lib/table';

export interface SfuBenchOptions {
  /** Call sizes, each run as a mesh and through Janus. */
  sizes: number[];
  /** CPU / bitrate window of a call, in seconds. */
  windowSeconds: number;
  /** Noise suppression on every page (the default people get); false to see what it costs. */
  suppression: boolean;
}

export const DEFAULT_SFU: SfuBenchOptions = {
  sizes: [4, 6, 8],
  windowSeconds: 10,
  suppression: true,
};

type Mode = 'mesh' | 'sfu';

interface CallFigures {
  people: number;
  mode: Mode;
  /** From N-1 Join clicks (made together) until those pages decode each other; null: not within JOIN_TIMEOUT_MS. */
  firstMs: number | null;
  /** From the last person's Join click until every page decodes all N-1 others; null: not within JOIN_TIMEOUT_MS. */
  joinMs: number | null;
  /** Of joinMs: the newcomer decoding everyone, and the slowest other page decoding the newcomer. */
  newcomerMs: number | null;
  othersMs: number | null;
  /** Remote cameras decoding (videoWidth > 0), summed over pages, when the window starts; of N*(N-1). */
  decodingAtStart: number;
  /** Every Chromium process in the namespace, in cores. */
  browserCores: number;
  /** Camera + microphone RTP sent per person, kbit/s (all their connections). */
  uploadKbps: number;
  /** Frames decoded per remote person per second, mean over pages. */
  receivedFps: number;
  /** RTCPeerConnections open per page (mesh: N-1, SFU: publisher + subscriber + data-only mesh). */
  connections: number;
  janusCores: number;
  janusRssMiB: number;
}

const MiB = 1024 * 1024;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Pids of the Chromium processes running inside the namespace. */
function chromiumPids(ns: NetNamespace): number[] {
  return execFileSync('ip', ['netns', 'pids', ns.name], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chrom');
      } catch {
        return false; // gone
      }
    });
}

const JOIN_TIMEOUT_MS = 90_000;
const ms = (value: number | null) => (value === null ? 'n/a' : `${fmt(value, 0)} ms`);

/** Remote camera <video>s on the page that show a decoded frame. */
function decodingVideos(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      Array.from(
        document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video'),
      ).filter((v) => v.videoWidth > 0).length,
  );
}

const totalCpu = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);

function openConnections(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      ((window as unknown as { __parleyPCs?: RTCPeerConnection[] }).__parleyPCs ?? []).filter(
        (pc) => pc.connectionState !== 'closed',
      ).length,
  );
}

/** The choice a person would make in the lobby, saved before the page loads. */
function savedSuppression(on: boolean): void {
  localStorage.setItem('parley:preferences', JSON.stringify({ noiseSuppression: on }));
}

async function lobby(
  browser: Browser,
  url: string,
  name: string,
  suppression: boolean,
): Promise<BenchParticipant> {
  const person = await benchParticipant(browser);
  await person.context.addInitScript(smallCapture);
  await person.context.addInitScript(savedSuppression, suppression);
  await person.page.goto(url);
  await waitForHydration(person.page, TID.joinButton);
  await person.page.getByTestId(TID.displayName).fill(name);
  return person;
}

async function call(
  browser: Browser,
  ns: NetNamespace,
  server: NamespacedServer,
  janus: JanusServer,
  mode: Mode,
  size: number,
  seconds: number,
  suppression: boolean,
): Promise<CallFigures> {
  const url = `${server.url}/${generateRoomId()}`;
  const people: BenchParticipant[] = [];
  try {
    for (let i = 0; i < size; i++) people.push(await lobby(browser, url, `P${i + 1}`, suppression));
    // A call that never fully connects is a result too: time out, then measure what it does.
    /** Per page, ms from `since` until it decodes `remotes` others (null: not in time). */
    const decodeTimes = (list: BenchParticipant[], remotes: number, since: number) =>
      Promise.all(
        list.map((p) =>
          waitForDecodedFrames(p.page, remotes, JOIN_TIMEOUT_MS).then(
            () => Date.now() - since,
            () => null,
          ),
        ),
      );
    const slowest = (times: (number | null)[]) =>
      times.some((t) => t === null) ? null : Math.max(...(times as number[]));
    const allDecode = async (list: BenchParticipant[], remotes: number, since: number) =>
      slowest(await decodeTimes(list, remotes, since));
    const first = people.slice(0, -1);
    const last = people[people.length - 1]!;
    let started = Date.now();
    await Promise.all(first.map((p) => p.page.getByTestId(TID.joinButton).click()));
    const firstMs = await allDecode(first, size - 2, started);
    await pause(2000); // the call settles before the last person arrives
    started = Date.now();
    await last.page.getByTestId(TID.joinButton).click();
    const times = await decodeTimes(people, size - 1, started);
    const joinMs = slowest(times);
    // Which way is slow: the newcomer seeing everyone, or everyone seeing the newcomer.
    const newcomerMs = times[times.length - 1] ?? null;
    const othersMs = slowest(times.slice(0, -1));
    const decodingAtStart = (await Promise.all(people.map((p) => decodingVideos(p.page)))).reduce(
      (a, b) => a + b,
      0,
    );
    await pause(3000); // bandwidth estimates and encoders settle
    const pids = chromiumPids(ns);
    const janusPid = janus.pid ?? 0;
    const before: PageRtp[] = await Promise.all(people.map((p) => readRtp(p.page)));
    const [browser0, janus0, t0] = [totalCpu(pids), cpuSeconds(janusPid), Date.now()];
    await pause(seconds * 1000);
    const [browser1, janus1] = [totalCpu(chromiumPids(ns)), cpuSeconds(janusPid)];
    const elapsed = (Date.now() - t0) / 1000;
    const after: PageRtp[] = await Promise.all(people.map((p) => readRtp(p.page)));
    const per = (f: (a: PageRtp, b: PageRtp) => number) =>
      mean(after.map((a, i) => f(a, before[i]!)));
    const connections = mean(await Promise.all(people.map((p) => openConnections(p.page))));
    return {
      people: size,
      mode,
      firstMs,
      joinMs,
      newcomerMs,
      othersMs,
      decodingAtStart,
      browserCores: (browser1 - browser0) / elapsed,
      uploadKbps: per(
        (a, b) =>
          ((a.videoBytesSent + a.audioBytesSent - b.videoBytesSent - b.audioBytesSent) * 8) /
          elapsed /
          1000,
      ),
      receivedFps: per((a, b) => (a.framesDecoded - b.framesDecoded) / elapsed / (size - 1)),
      connections,
      janusCores: (janus1 - janus0) / elapsed,
      janusRssMiB: rssBytes(janusPid) / MiB,
    };
  } finally {
    await Promise.all(people.map((p) => p.close()));
  }
}

export async function runSfu(options: Partial<SfuBenchOptions> = {}): Promise<string> {
  const o = { ...DEFAULT_SFU, ...options };
  buildIfNeeded(ROOT);
  const ns = await createNetNamespace();
  let janus: JanusServer | null = null;
  const servers: NamespacedServer[] = [];
  let browser: Browser | null = null;
  try {
    janus = await JanusServer.start({ netns: ns });
    const env = {
      ...janusEnv(janus),
      // 8 pages on 2 cores can miss socket.io pings: a blip resumes the same seat.
      PRESENCE_GRACE_MS: '20000',
    };
    const mesh = await startServerIn(ns, { ...env, MESH_MAX: '50' });
    servers.push(mesh);
    const sfu = await startServerIn(ns, { ...env, MESH_MAX: '1' });
    servers.push(sfu);
    const janusIdleRssMiB = rssBytes(janus.pid ?? 0) / MiB;
    browser = await launchBrowserIn(ns);
    const calls: CallFigures[] = [];
    for (const [i, size] of o.sizes.entries()) {
      // Alternate which mode goes first, so warm-up favours neither.
      const modes: Mode[] = i % 2 === 0 ? ['mesh', 'sfu'] : ['sfu', 'mesh'];
      for (const mode of modes) {
        console.log(`  ${size} people, ${mode}...`);
        calls.push(
          await call(
            browser,
            ns,
            mode === 'mesh' ? mesh : sfu,
            janus,
            mode,
            size,
            o.windowSeconds,
            o.suppression,
          ),
        );
      }
    }
    const find = (size: number, mode: Mode) =>
      calls.find((c) => c.people === size && c.mode === mode)!;
    const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b, 2)}x` : 'n/a');
    const rows = o.sizes.flatMap((size) =>
      (['mesh', 'sfu'] as const).map((mode) => {
        const c = find(size, mode);
        const m = find(size, 'mesh');
        return [
          size,
          mode,
          c.firstMs === null ? `> ${JOIN_TIMEOUT_MS / 1000} s` : `${fmt(c.firstMs, 0)} ms`,
          c.joinMs === null
            ? `> ${JOIN_TIMEOUT_MS / 1000} s (${c.decodingAtStart}/${size * (size - 1)} decoding)`
            : `${fmt(c.joinMs, 0)} ms`,
          `${ms(c.newcomerMs)} / ${ms(c.othersMs)}`,
          fmt(c.browserCores, 2),
          fmt(c.browserCores / size, 2),
          mode === 'sfu' ? ratio(c.browserCores, m.browserCores) : '1x',
          `${fmt(c.uploadKbps, 0)} kbit/s`,
          mode === 'sfu' ? ratio(c.uploadKbps, m.uploadKbps) : '1x',
          `${fmt(c.receivedFps)} fps`,
          fmt(c.connections),
          mode === 'sfu' ? fmt(c.janusCores, 2) : 'n/a',
          mode === 'sfu' ? `${fmt(c.janusRssMiB)} MiB` : 'n/a',
        ];
      }),
    );
    const table = markdownTable(
      [
        'people',
        'mode',
        'N-1 join together: all decoding',
        'last join: all decoding',
        'newcomer sees all / all see newcomer',
        'browser CPU cores (all pages)',
        'per page',
        'CPU vs mesh',
        'upload per person',
        'upload vs mesh',
        'received fps per remote',
        'connections per page',
        'Janus CPU cores',
        'Janus RSS',
      ],
      rows,
    );
    const path = writeResult('sfu', {
      options: o,
      chromium: browser.version(),
      janusIdleRssMiB,
      calls,
    });
    return [
      `### SFU vs mesh (Chromium ${browser.version()}, fake camera 320x240 at 10 fps, noise suppression ${o.suppression ? 'on' : 'off'}, ${o.windowSeconds} s windows, every page on this one machine)`,
      '',
      table,
      '',
      `Janus idle RSS: ${fmt(janusIdleRssMiB)} MiB. "Upload" is camera + microphone RTP sent by one person over all their connections; data channels are not counted.`,
      '',
      `(JSON: ${path})`,
    ].join('\n');
  } finally {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await janus?.stop();
    await ns.delete();
  }
}
