// Browser benchmark: real Chromium (fake camera at 10 fps, one browser
// context per person) against the production server. Measures time from a
// Join click to the first decoded remote frame, the CPU of the call pages,
// received frame rate and resolution, and outbound bitrate, for a 4-person
// call with the mesh's sender adaptation on and off (?adapt=off), same run.
//
// CPU is that of the whole Chromium process tree, read from /proc: every
// participant shares this one machine (and one browser), so the per-page
// figure is the total divided by the number of pages.
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildIfNeeded } from '../scripts/build-if-needed.mjs';
import { TID, waitForHydration } from '../tests/e2e/support/app';
import { launchBrowser } from '../tests/e2e/support/browser';
import { startServer, type ParleyServer } from '../tests/e2e/support/server';
import { generateRoomId } from '../lib/view/roomId';
import { readRtp, waitForDecodedFrames, type PageRtp } from './lib/pageStats';
import { benchParticipant, type BenchParticipant as Participant } from './lib/participant';
import { cpuBetween, treeCpu, treeRss } from './lib/proc';
import { ROOT, writeResult } from './lib/results';
import { fmt, mean, median } from './lib/stats';
import { markdownTable } from './lib/table';

export interface BrowserOptions {
  /** Two-person joins to time (the median is reported). */
  pairs: number;
  /** 4-person calls per mode (adaptation on, off), alternating. */
  rounds: number;
  /** CPU / bitrate window of a call. */
  windowSeconds: number;
}

export const DEFAULT_BROWSER: BrowserOptions = { pairs: 5, rounds: 2, windowSeconds: 10 };

const MiB = 1024 * 1024;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The Chromium processes we launched: our direct children whose command line names chrom(e|ium). */
function chromiumRoots(): number[] {
  const roots: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (/chrom/i.test(cmd)) roots.push(Number(entry));
    } catch {
      // gone already
    }
  }
  return roots;
}

export function browserCpu(): Map<number, number> {
  const all = new Map<number, number>();
  for (const root of chromiumRoots()) for (const [pid, s] of treeCpu(root)) all.set(pid, s);
  return all;
}

/** Opens the room's lobby ready to join (hydrated, name typed). */
async function lobby(browser: Browser, url: string, name: string): Promise<Participant> {
  const person = await benchParticipant(browser);
  await person.page.goto(url);
  await waitForHydration(person.page, TID.joinButton);
  await person.page.getByTestId(TID.displayName).fill(name);
  return person;
}

async function clickJoin(page: Page): Promise<void> {
  await page.getByTestId(TID.joinButton).click();
}

/** Milliseconds from the Join click of the second person until both decode each other. */
async function timePair(browser: Browser, server: ParleyServer): Promise<number> {
  const url = `${server.url}/${generateRoomId()}`;
  const people = [await lobby(browser, url, 'Ann'), await lobby(browser, url, 'Bob')];
  try {
    await clickJoin(people[0].page);
    await people[0].page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
    const started = Date.now();
    await clickJoin(people[1].page);
    await Promise.all(people.map((p) => waitForDecodedFrames(p.page, 1, 30_000)));
    return Date.now() - started;
  } finally {
    await Promise.all(people.map((p) => p.close()));
  }
}

export interface CallResult {
  adapt: boolean;
  /** From the first of 4 Join clicks (made together) until every page decodes 3 remotes. */
  allDecodingMs: number;
  cpuCores: number;
  cpuPerPage: number;
  /** Per person, camera video sent over all their connections. */
  outboundKbps: number;
  audioKbps: number;
  receivedFps: number;
  receivedResolution: string;
  sentResolution: string;
  limitations: string;
}

function resolution(list: { width: number; height: number }[]): string {
  if (list.length === 0) return 'n/a';
  return `${median(list.map((r) => r.width))}x${median(list.map((r) => r.height))}`;
}

async function call(
  browser: Browser,
  server: ParleyServer,
  adapt: boolean,
  seconds: number,
): Promise<CallResult> {
  const url = `${server.url}/${generateRoomId()}${adapt ? '' : '?adapt=off'}`;
  const names = ['Ann', 'Bob', 'Cat', 'Dan'];
  const people: Participant[] = [];
  try {
    for (const name of names) people.push(await lobby(browser, url, name));
    const started = Date.now();
    await Promise.all(people.map((p) => clickJoin(p.page)));
    await Promise.all(people.map((p) => waitForDecodedFrames(p.page, 3, 30_000)));
    const allDecodingMs = Date.now() - started;
    await pause(3000); // let bandwidth estimates and encoders settle
    const before = await Promise.all(people.map((p) => readRtp(p.page)));
    const cpu0 = browserCpu();
    const t0 = Date.now();
    await pause(seconds * 1000);
    const cpu1 = browserCpu();
    const elapsed = (Date.now() - t0) / 1000;
    const after = await Promise.all(people.map((p) => readRtp(p.page)));
    const cpuCores = cpuBetween(cpu0, cpu1) / elapsed;
    const per = (f: (a: PageRtp, b: PageRtp) => number) =>
      mean(after.map((a, i) => f(a, before[i])));
    return {
      adapt,
      allDecodingMs,
      cpuCores,
      cpuPerPage: cpuCores / people.length,
      outboundKbps: per((a, b) => ((a.videoBytesSent - b.videoBytesSent) * 8) / elapsed / 1000),
      audioKbps: per((a, b) => ((a.audioBytesSent - b.audioBytesSent) * 8) / elapsed / 1000),
      // framesDecoded summed over a page's 3 inbound streams.
      receivedFps: per(
        (a, b) => (a.framesDecoded - b.framesDecoded) / elapsed / (names.length - 1),
      ),
      receivedResolution: resolution(after.flatMap((a) => a.inbound)),
      sentResolution: resolution(after.flatMap((a) => a.outbound)),
      limitations: [...new Set(after.flatMap((a) => a.outbound.map((o) => o.limitation)))].join(
        ' ',
      ),
    };
  } finally {
    await Promise.all(people.map((p) => p.close()));
  }
}

/** One person alone in a room, camera on: what the call page costs by itself. */
async function alone(browser: Browser, server: ParleyServer, seconds: number): Promise<number> {
  const person = await lobby(browser, `${server.url}/${generateRoomId()}`, 'Ann');
  try {
    await clickJoin(person.page);
    await person.page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
    await pause(2000);
    const cpu0 = browserCpu();
    const t0 = Date.now();
    await pause(seconds * 1000);
    return cpuBetween(cpu0, browserCpu()) / ((Date.now() - t0) / 1000);
  } finally {
    await person.close();
  }
}

function chromiumVersion(browser: Browser): string {
  return browser.version();
}

export async function runBrowser(options: Partial<BrowserOptions> = {}): Promise<string> {
  const o = { ...DEFAULT_BROWSER, ...options };
  buildIfNeeded(ROOT);
  const server = await startServer();
  let browser: Browser | null = null;
  try {
    await pause(2000);
    const serverPid = server.process.pid as number;
    const serverIdleRssMiB = treeRss(serverPid) / MiB;
    browser = await launchBrowser();
    const b = browser;
    const version = chromiumVersion(b);
    console.log('  one page alone in a room...');
    const aloneCores = await alone(b, server, o.windowSeconds);
    console.log('  2-person joins...');
    const pairs: number[] = [];
    for (let i = 0; i < o.pairs; i++) pairs.push(await timePair(b, server));
    const calls: CallResult[] = [];
    for (let r = 0; r < o.rounds; r++) {
      for (const adapt of r % 2 === 0 ? [true, false] : [false, true]) {
        console.log(`  4-person call, adaptation ${adapt ? 'on' : 'off'} (round ${r + 1})...`);
        calls.push(await call(b, server, adapt, o.windowSeconds));
      }
    }
    const serverRssAfterMiB = treeRss(serverPid) / MiB;
    const summary = (adapt: boolean) => {
      const runs = calls.filter((c) => c.adapt === adapt);
      const m = (f: (c: CallResult) => number) => median(runs.map(f));
      return {
        adapt,
        runs: runs.length,
        allDecodingMs: m((c) => c.allDecodingMs),
        cpuCores: m((c) => c.cpuCores),
        cpuPerPage: m((c) => c.cpuPerPage),
        outboundKbps: m((c) => c.outboundKbps),
        audioKbps: m((c) => c.audioKbps),
        receivedFps: m((c) => c.receivedFps),
        receivedResolution: runs.map((c) => c.receivedResolution).join(', '),
        sentResolution: runs.map((c) => c.sentResolution).join(', '),
        limitations: [...new Set(runs.flatMap((c) => c.limitations.split(' ')))].join(' '),
      };
    };
    const on = summary(true);
    const off = summary(false);
    const pairMedian = median(pairs);
    const fourMedian = median(calls.map((c) => c.allDecodingMs));
    const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
    const targets = markdownTable(
      ['measure', 'result', 'target', ''],
      [
        [
          '2 people: Join click to both decoding (median of ' + pairs.length + ')',
          `${fmt(pairMedian, 0)} ms`,
          '< 1500 ms',
          ok(pairMedian < 1500),
        ],
        [
          '4 people: 4 Join clicks to all decoding (median of ' + calls.length + ')',
          `${fmt(fourMedian, 0)} ms`,
          '< 5000 ms',
          ok(fourMedian < 5000),
        ],
        [
          '4 people: received fps (adaptation on)',
          fmt(on.receivedFps),
          '10 fps',
          ok(on.receivedFps >= 9.5),
        ],
        [
          'one page alone in a room: CPU',
          `${fmt(aloneCores, 2)} cores`,
          '< 0.3 cores',
          ok(aloneCores < 0.3),
        ],
        [
          'server RSS, idle',
          `${fmt(serverIdleRssMiB)} MiB`,
          '< 150 MiB',
          ok(serverIdleRssMiB < 150),
        ],
      ],
    );
    const adaptation = markdownTable(
      [
        '4-person call',
        'CPU cores (all pages)',
        'CPU per page',
        'video out kbit/s per person',
        'audio out kbit/s',
        'received fps',
        'received res',
        'sent res',
        'limited by',
      ],
      [on, off].map((s) => [
        s.adapt ? 'adaptation on' : 'adaptation off',
        fmt(s.cpuCores, 2),
        fmt(s.cpuPerPage, 2),
        fmt(s.outboundKbps, 0),
        fmt(s.audioKbps, 0),
        fmt(s.receivedFps),
        s.receivedResolution,
        s.sentResolution,
        s.limitations,
      ]),
    );
    const path = writeResult('browser', {
      options: o,
      chromium: version,
      serverIdleRssMiB,
      serverRssAfterMiB,
      aloneCores,
      pairsMs: pairs,
      calls,
      summary: { on, off },
    });
    return [
      `### Browser (Chromium ${version}, fake camera fps=10, ${o.windowSeconds} s windows; CPU per page = Chromium total / pages, all on this machine)`,
      '',
      targets,
      '',
      adaptation,
      '',
      `2-person joins (ms): ${pairs.join(', ')}; 4-person (ms): ${calls.map((c) => `${c.allDecodingMs} (${c.adapt ? 'on' : 'off'})`).join(', ')}; server RSS after the run: ${fmt(serverRssAfterMiB)} MiB.`,
      '',
      `(JSON: ${path})`,
    ].join('\n');
  } finally {
    await browser?.close();
    await server.stop();
  }
}
