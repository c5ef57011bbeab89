// Noise suppression and background blur, as the other side receives them.
// The fake microphone plays speech-like bursts over steady noise
// (support/noisyVoice.ts); the fake camera is a busy synthetic pattern with
// no person in it, so all of it is background.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
import {
  joinCall,
  launchBrowser,
  newParticipant,
  startServer,
  waitFor,
  waitForIds,
  waitForPressed,
  type Participant,
  type ParleyServer,
} from './harness';
import { waitForVoice } from './support/audio';
import type { InstrumentedWindow } from './support/instrument';
import { writeNoisyVoiceWav } from './support/noisyVoice';
import { levelSummary, receivedLevels, type LevelSummary } from './support/receivedLevel';

let server: ParleyServer;
let browser: Browser;
const people: Participant[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(),
    launchBrowser({ args: [`--use-file-for-fake-audio-capture=${writeNoisyVoiceWav()}`] }),
  ]);
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

/** What the page sends as its microphone: the getUserMedia track itself, or a processed one. */
function sentMic(page: Page): Promise<'raw' | 'processed' | 'none'> {
  return page.evaluate(() => {
    const w = window as unknown as InstrumentedWindow;
    const raw = new Set(w.__parleyLocalTracks.map((t) => t.track));
    for (const pc of w.__parleyPCs) {
      if (pc.connectionState === 'closed') continue;
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind !== 'audio') continue;
        return raw.has(sender.track) ? 'raw' : 'processed';
      }
    }
    return 'none';
  });
}

const show = (s: LevelSummary) =>
  `pauses ${s.pauseDb.toFixed(1)} dBFS, bursts ${s.burstDb.toFixed(1)} dBFS (${s.samples} windows)`;

describe('noise suppression', () => {
  test('on by default: the noise between bursts drops by >= 10 dB at the far end, the bursts stay; off restores it', async () => {
    const roomId = generateRoomId();
    const ada = await person();
    const bob = await person();
    await joinCall(ada.page, server.url, roomId, 'Ada');
    await joinCall(bob.page, server.url, roomId, 'Bob');
    const { Ada: adaId } = await waitForIds(bob.page, ['Ada']);
    await waitForVoice(bob.page, adaId);
    const toggle = 'toggle-noise-suppression';
    await waitForPressed(ada.page, toggle, true);
    await waitFor(async () => (await sentMic(ada.page)) === 'processed', {
      timeout: 15_000,
      message: 'Ada to send the noise-suppressed microphone',
    });

    await ada.page.waitForTimeout(1500);
    const on = await levelSummary(bob.page, adaId);

    await ada.page.getByTestId(toggle).click();
    await waitForPressed(ada.page, toggle, false);
    await waitFor(async () => (await sentMic(ada.page)) === 'raw', {
      message: 'Ada to send the raw microphone',
    });
    await ada.page.waitForTimeout(1500);
    const off = await levelSummary(bob.page, adaId);

    await ada.page.getByTestId(toggle).click();
    await waitFor(async () => (await sentMic(ada.page)) === 'processed', {
      message: 'Ada to send the noise-suppressed microphone again',
    });
    await ada.page.waitForTimeout(1500);
    const again = await levelSummary(bob.page, adaId);
    console.log(
      `[effects] noise suppression at the far end:\n  on:    ${show(on)}\n  off:   ${show(off)}\n  on:    ${show(again)}\n  pause drop ${(off.pauseDb - on.pauseDb).toFixed(1)} dB, burst change ${(on.burstDb - off.burstDb).toFixed(1)} dB`,
    );
    expect(off.pauseDb - on.pauseDb).toBeGreaterThanOrEqual(10);
    expect(off.pauseDb - again.pauseDb).toBeGreaterThanOrEqual(10);
    // The bursts are still heard, well above what is left in the pauses.
    expect(on.burstDb - on.pauseDb).toBeGreaterThanOrEqual(20);
    expect(on.burstDb).toBeGreaterThan(-40);

    // Mic off still stops sending: nothing audible arrives.
    await ada.page.getByTestId('toggle-mic').click();
    await waitForPressed(ada.page, 'toggle-mic', false);
    await ada.page.waitForTimeout(1000);
    const muted = await receivedLevels(bob.page, adaId, 2000);
    console.log(`[effects] mic off: loudest window ${Math.max(...muted).toFixed(1)} dBFS`);
    expect(Math.max(...muted)).toBeLessThan(-60);

    // Remembered: a reload starts with it off after turning it off.
    await ada.page.getByTestId(toggle).click();
    await waitForPressed(ada.page, toggle, false);
    await ada.page.goto(`${server.url}/${roomId}`).catch((err: unknown) => {
      console.log(server.output());
      throw err;
    });
    await waitForPressed(ada.page, toggle, false);
  });
});
