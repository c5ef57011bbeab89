// Effects benchmark: what noise suppression (RNNoise in an AudioWorklet) and
// background blur (MediaPipe segmentation on the CPU in a Worker + canvas
// compositing on the page, 640x480 camera) cost, beside the same 2-person
// call without them, in one run. Real Chromium (fake camera 640x480 at 10
// fps, fake microphone), production server. CPU is the whole Chromium tree's,
// divided by the 2 pages. Blur runs with its too-slow check off
// (window.__parleyBlurKeepRunning), so its cost is measured even on a machine
// where it would turn itself off; whether it would have (compositing over the
// frame interval, or more than a quarter of the camera frames skipped) is
// reported.
import type { Browser } from 'playwright-core';
import { buildIfNeeded } from '../scripts/build-if-needed.mjs';
import { TID, waitForHydration } from '../tests/e2e/support/app';
import { launchBrowser } from '../tests/e2e/support/browser';
import { startServer, type ParleyServer } from '../tests/e2e/support/server';
import { generateRoomId } from '../lib/view/roomId';
import { browserCpu } from './browser';
import { readRtp, waitForDecodedFrames } from './lib/pageStats';
import { benchParticipant, type BenchParticipant } from './lib/participant';
import { cpuBetween } from './lib/proc';
import { ROOT, writeResult } from './lib/results';
import { fmt, median } from './lib/stats';
import { markdownTable } from './lib/table';
import type { BlurStats } from '../lib/media/effects/backgroundBlur';

export interface EffectsOptions {
  rounds: number;
  windowSeconds: number;
}

type Mode = 'none' | 'noise suppression' | 'blur' | 'both';
const MODES: Mode[] = ['none', 'noise suppression', 'blur', 'both'];

interface ModeResult {
  mode: Mode;
  cpuPerPage: number;
  receivedFps: number;
  /** Camera frames encoded and sent per second, per page. */
  sentFps: number;
  sentResolution: string;
  /** Blur: average compositing time per frame and model time per mask, ms. */
  frameMs: number | null;
  maskMs: number | null;
  /** Blur: frame taken for the model to its mask on the page, ms. */
  maskRoundTripMs: number | null;
  masksPerSecond: number | null;
  /** Blur: share of the camera's frames that went by without being composited. */
  skippedShare: number | null;
  /** Blur: would its too-slow check have turned it off here? */
  overBudget: boolean | null;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function person(
  browser: Browser,
  url: string,
  name: string,
  mode: Mode,
): Promise<BenchParticipant> {
  const p = await benchParticipant(browser);
  const noise = mode === 'noise suppression' || mode === 'both';
  const blur = mode === 'blur' || mode === 'both';
  await p.context.addInitScript(
    ({ noise, blur }) => {
      localStorage.setItem(
        'parley:preferences',
        JSON.stringify({ noiseSuppression: noise, blur, camera: true, mic: true }),
      );
      (window as unknown as { __parleyBlurKeepRunning: boolean }).__parleyBlurKeepRunning = true;
    },
    { noise, blur },
  );
  await p.page.goto(url);
  await waitForHydration(p.page, TID.joinButton);
  await p.page.getByTestId(TID.displayName).fill(name);
  return p;
}

const blurStats = (p: BenchParticipant) =>
  p.page.evaluate(
    () => (window as unknown as { __parleyBlurStats?: BlurStats }).__parleyBlurStats ?? null,
  );

async function measure(
  browser: Browser,
  server: ParleyServer,
  mode: Mode,
  seconds: number,
): Promise<ModeResult> {
  const url = `${server.url}/${generateRoomId()}`;
  const people = [await person(browser, url, 'Ann', mode), await person(browser, url, 'Bob', mode)];
  try {
    for (const p of people) {
      await p.page.getByTestId(TID.joinButton).click();
      await p.page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
    }
    await Promise.all(people.map((p) => waitForDecodedFrames(p.page, 1, 30_000)));
    await pause(5000); // effects loaded, model warmed up, encoders settled
    const before = await Promise.all(people.map((p) => readRtp(p.page)));
    const stats0 = await Promise.all(people.map(blurStats));
    const cpu0 = browserCpu();
    const t0 = Date.now();
    await pause(seconds * 1000);
    const cpu1 = browserCpu();
    const elapsed = (Date.now() - t0) / 1000;
    const after = await Promise.all(people.map((p) => readRtp(p.page)));
    const stats1 = await Promise.all(people.map(blurStats));
    const blurOn = mode === 'blur' || mode === 'both';
    const s0 = stats0[0];
    const s1 = stats1[0];
    const frameMs = blurOn && s1 ? median(stats1.map((s) => s?.frameMs ?? 0)) : null;
    const maskMs = blurOn && s1 ? median(stats1.map((s) => s?.maskMs ?? 0)) : null;
    const skippedShare =
      blurOn && s0 && s1
        ? median(
            stats1.map((s, i) => {
              const made = (s?.frames ?? 0) - (stats0[i]?.frames ?? 0);
              const skipped = (s?.skippedFrames ?? 0) - (stats0[i]?.skippedFrames ?? 0);
              return made + skipped > 0 ? skipped / (made + skipped) : 0;
            }),
          )
        : null;
    const interval = 1000 / 10;
    return {
      mode,
      cpuPerPage: cpuBetween(cpu0, cpu1) / elapsed / people.length,
      receivedFps: median(
        after.map((a, i) => (a.framesDecoded - before[i].framesDecoded) / elapsed),
      ),
      sentFps: median(after.map((a, i) => (a.framesSent - before[i].framesSent) / elapsed)),
      sentResolution: after
        .flatMap((a) => a.outbound)
        .map((o) => `${o.width}x${o.height}`)
        .join(', '),
      frameMs,
      maskMs,
      maskRoundTripMs: blurOn && s1 ? median(stats1.map((s) => s?.maskRoundTripMs ?? 0)) : null,
      masksPerSecond: blurOn && s0 && s1 ? (s1.masks - s0.masks) / elapsed : null,
      skippedShare,
      overBudget: blurOn ? (frameMs ?? 0) > interval || (skippedShare ?? 0) > 0.25 : null,
    };
  } finally {
    await Promise.all(people.map((p) => p.close()));
  }
}

export async function runEffects(options: Partial<EffectsOptions> = {}): Promise<string> {
  const o = { rounds: 1, windowSeconds: 10, ...options };
  buildIfNeeded(ROOT);
  const server = await startServer();
  let browser: Browser | null = null;
  try {
    browser = await launchBrowser();
    const results: ModeResult[] = [];
    for (let r = 0; r < o.rounds; r++)
      for (const mode of MODES) {
        console.log(`  2-person call, effects: ${mode} (round ${r + 1})...`);
        results.push(await measure(browser, server, mode, o.windowSeconds));
      }
    const by = (mode: Mode) => results.filter((x) => x.mode === mode);
    const m = (list: ModeResult[], f: (x: ModeResult) => number | null) => {
      const values = list.map(f).filter((v): v is number => v !== null);
      return values.length ? median(values) : null;
    };
    const base = m(by('none'), (x) => x.cpuPerPage) ?? 0;
    const show = (v: number | null, digits = 1) => (v === null ? '–' : fmt(v, digits));
    const table = markdownTable(
      [
        'effects (both people)',
        'CPU per page (cores)',
        'cost vs none',
        'sent fps',
        'received fps',
        'composite ms/frame',
        'model ms/mask',
        'mask round trip ms',
        'masks/s',
        'camera frames skipped',
        'would turn off',
      ],
      MODES.map((mode) => {
        const list = by(mode);
        const cpu = m(list, (x) => x.cpuPerPage) ?? 0;
        const over = list.map((x) => x.overBudget).find((v) => v !== null);
        return [
          mode,
          fmt(cpu, 2),
          mode === 'none' ? '–' : `+${fmt(cpu - base, 2)}`,
          show(m(list, (x) => x.sentFps)),
          show(m(list, (x) => x.receivedFps)),
          show(
            m(list, (x) => x.frameMs),
            2,
          ),
          show(m(list, (x) => x.maskMs)),
          show(m(list, (x) => x.maskRoundTripMs)),
          show(m(list, (x) => x.masksPerSecond)),
          (() => {
            const share = m(list, (x) => x.skippedShare);
            return share === null ? '–' : `${fmt(share * 100, 0)} %`;
          })(),
          over === undefined || over === null ? '–' : over ? 'yes: too slow' : 'no',
        ];
      }),
    );
    const path = writeResult('effects', { options: o, chromium: browser.version(), results });
    return [
      `### Effects (Chromium ${browser.version()}, 2-person call, fake camera 640x480 at 10 fps, ${o.windowSeconds} s windows; CPU per page = Chromium total / 2)`,
      '',
      table,
      '',
      `Sent: ${results.map((x) => `${x.mode}: ${x.sentResolution}`).join('; ')}.`,
      '',
      `(JSON: ${path})`,
    ].join('\n');
  } finally {
    await browser?.close();
    await server.stop();
  }
}
