// Local recording: the recorder's page saves the call (the stage composited
// on a canvas, everyone's sound mixed) to a WebM; everyone else sees who
// records for as long as it runs, late joiners too (announced by the server
// with the media state).
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
import {
  isPressed,
  joinCall,
  launchBrowser,
  newParticipant,
  startServer,
  waitFor,
  waitForMediaFlow,
  waitForPressed,
  type Participant,
  type ParleyServer,
} from './harness';

let server: ParleyServer;
let browser: Browser;
const people: Participant[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  for (const p of people) await p.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function person(): Promise<Participant> {
  const p = await newParticipant(browser);
  people.push(p);
  return p;
}

const indicator = (page: Page) => page.getByTestId('recording-indicator');

async function waitForIndicator(page: Page, text: RegExp | null): Promise<void> {
  await waitFor(
    async () => {
      const shown = await indicator(page).count();
      if (text === null) return shown === 0;
      return shown === 1 && text.test(await indicator(page).innerText());
    },
    { timeout: 15_000, message: text ? `recording indicator ${text}` : 'no recording indicator' },
  );
}

interface Probe {
  streams: { codec_type: string; codec_name: string }[];
  format: { format_name: string; duration?: string };
}

/** ffprobe's view of the file, and its duration (the last packet's end when the header has none). */
function probe(path: string): { info: Probe; duration: number } {
  const info = JSON.parse(
    execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name:format=format_name,duration',
      '-of',
      'json',
      path,
    ]).toString(),
  ) as Probe;
  let duration = Number(info.format.duration);
  if (!Number.isFinite(duration)) {
    const packets = execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'packet=pts_time,duration_time',
      '-of',
      'csv=p=0',
      path,
    ])
      .toString()
      .trim()
      .split('\n')
      .map((line) => line.split(',').map(Number))
      .map(([pts, d]) => pts + (Number.isFinite(d) ? d : 0))
      .filter(Number.isFinite);
    duration = Math.max(...packets);
  }
  return { info, duration };
}

describe('local recording', () => {
  test('5 s of a 3-person call: a WebM with video and audio; the others see who records, during it only', async () => {
    const roomId = generateRoomId();
    const [ada, bob, cy] = [await person(), await person(), await person()];
    await joinCall(ada.page, server.url, roomId, 'Ada');
    await joinCall(bob.page, server.url, roomId, 'Bob');
    await joinCall(cy.page, server.url, roomId, 'Cy');
    await waitForMediaFlow(ada.page, 2);
    expect(await indicator(bob.page).count()).toBe(0);

    await ada.page.getByTestId('record').click();
    await waitForPressed(ada.page, 'record', true);
    const started = Date.now();
    // Everyone is told while it runs: each page's indicator, and when it showed.
    const seen = [
      waitForIndicator(ada.page, /You are recording/).then(() => Date.now()),
      waitForIndicator(bob.page, /Ada is recording/).then(() => Date.now()),
      waitForIndicator(cy.page, /Ada is recording/).then(() => Date.now()),
    ];
    // Stop clicked at 4.5 s: the click and MediaRecorder's flush add ~1 s here.
    await ada.page.waitForTimeout(4500);
    const stopping = Date.now();
    const shownAt = await Promise.all(seen);
    console.log(
      `[recording] indicator shown after ${shownAt.map((t) => t - started).join(', ')} ms`,
    );
    for (const at of shownAt) expect(at).toBeLessThanOrEqual(stopping);

    const download = ada.page.waitForEvent('download', { timeout: 20_000 });
    await ada.page.getByTestId('record').click();
    await waitForPressed(ada.page, 'record', false);
    // What the page really recorded: from the button going on to it going off
    // (on a loaded machine the click and the flush stretch this past 5 s).
    const recordedMs = Date.now() - started;
    const file = await download;
    const path = await file.path();
    await waitForPressed(ada.page, 'record', false);
    await waitForIndicator(bob.page, null);
    await waitForIndicator(cy.page, null);
    await waitForIndicator(ada.page, null);

    const { info, duration } = probe(path);
    console.log(
      `[recording] ${file.suggestedFilename()}: ${info.format.format_name}, ${info.streams
        .map((s) => `${s.codec_type} ${s.codec_name}`)
        .join(', ')}, ${duration.toFixed(2)} s`,
    );
    expect(file.suggestedFilename()).toMatch(/\.webm$/);
    expect(info.format.format_name).toContain('webm');
    expect(info.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(duration).toBeGreaterThanOrEqual(4);
    // 4-7 s on a quiet machine; never longer than the page was recording, plus the flush.
    expect(duration).toBeLessThanOrEqual(Math.max(7, recordedMs / 1000 + 1.5));
  });

  test('a late joiner sees it too; leaving while recording ends it for everyone and offers the file', async () => {
    const roomId = generateRoomId();
    const [ada, bob] = [await person(), await person()];
    await joinCall(ada.page, server.url, roomId, 'Ada');
    await ada.page.getByTestId('record').click();
    await waitForPressed(ada.page, 'record', true);
    await joinCall(bob.page, server.url, roomId, 'Bob');
    await waitForIndicator(bob.page, /Ada is recording/);

    await ada.page.getByTestId('leave').click();
    await waitForIndicator(bob.page, null);
    const offer = ada.page.getByTestId('recording-download');
    await offer.waitFor({ timeout: 15_000 });
    expect(await offer.getAttribute('download')).toMatch(/\.webm$/);
    expect(await isPressed(bob.page, 'record')).toBe(false);
  });
});
