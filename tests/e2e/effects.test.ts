// Noise suppression and background blur, as the other side receives them.
// The fake microphone plays speech-like bursts over steady noise
// (support/noisyVoice.ts); the fake camera is a synthetic pattern with no
// person in it (the model does take its bright rotating pie for foreground,
// so part of the pie stays sharp; the frame's edge energy still drops to a
// few per cent). Blur must run on a GPU-less 2-core machine: the model on the
// CPU in a Worker, ~15-25 ms per mask at ~10 masks/s.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
import {
  isPressed,
  joinCall,
  launchBrowser,
  liveLocalTracks,
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
import { edgeEnergy, receivedFps } from './support/receivedVideo';
import type { BlurStats } from '@/lib/media/effects/backgroundBlur';

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

/** What the page sends as its microphone or camera: the getUserMedia track itself, or a processed one. */
function sent(page: Page, kind: 'audio' | 'video'): Promise<'raw' | 'processed' | 'none'> {
  return page.evaluate((kind) => {
    const w = window as unknown as InstrumentedWindow;
    const raw = new Set(w.__parleyLocalTracks.map((t) => t.track));
    for (const pc of w.__parleyPCs) {
      if (pc.connectionState === 'closed') continue;
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind !== kind) continue;
        return raw.has(sender.track) ? 'raw' : 'processed';
      }
    }
    return 'none';
  }, kind);
}
const sentMic = (page: Page) => sent(page, 'audio');

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
    await ada.close();
    await bob.close();
  });
});

const blurStats = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __parleyBlurStats?: BlurStats }).__parleyBlurStats ?? {
        frames: 0,
        frameMs: 0,
        skippedFrames: 0,
        masks: 0,
        maskMs: 0,
        maskRoundTripMs: 0,
      },
  );

const problemShown = async (page: Page) => (await page.getByTestId('effect-problem').count()) > 0;

/** Ada and Bob in a call, Ada's sharp camera decoding at Bob. */
async function callWithAda(): Promise<{ ada: Participant; bob: Participant; adaId: string }> {
  const roomId = generateRoomId();
  const ada = await person();
  const bob = await person();
  await joinCall(ada.page, server.url, roomId, 'Ada');
  await joinCall(bob.page, server.url, roomId, 'Bob');
  const { Ada: adaId } = await waitForIds(bob.page, ['Ada']);
  await waitForPressed(ada.page, 'toggle-blur', false);
  await waitFor(async () => (await edgeEnergy(bob.page, adaId, 1)) > 0, {
    timeout: 30_000,
    message: "Ada's video at Bob",
  });
  return { ada, bob, adaId };
}

/** Bob's received frame rate of Ada's camera, after one window to let the stream settle. */
async function settledFps(bob: Page, adaId: string): Promise<number> {
  await receivedFps(bob, adaId, 2000);
  return receivedFps(bob, adaId, 5000);
}

describe('background blur', () => {
  test('with blur on, the far end receives a blurred camera at the frame rate of blur off; camera off releases the camera', async () => {
    const { ada, bob, adaId } = await callWithAda();
    const sharpFps = await settledFps(bob.page, adaId);
    const sharpEdges = await edgeEnergy(bob.page, adaId);

    await ada.page.getByTestId('toggle-blur').click();
    await waitForPressed(ada.page, 'toggle-blur', true);
    await waitFor(async () => (await sent(ada.page, 'video')) === 'processed', {
      timeout: 30_000,
      message: 'Ada to send the blurred camera',
    });
    // Active: the model makes masks and the blurred frames reach Bob.
    await waitFor(async () => (await blurStats(ada.page)).masks >= 5, {
      timeout: 30_000,
      message: 'the segmentation model to make masks',
    });
    await waitFor(async () => (await edgeEnergy(bob.page, adaId, 1)) < sharpEdges * 0.5, {
      timeout: 15_000,
      message: 'blurred frames at Bob',
    });
    const before = await blurStats(ada.page);
    const started = Date.now();
    const blurFps = await settledFps(bob.page, adaId);
    const blurEdges = await edgeEnergy(bob.page, adaId);
    const after = await blurStats(ada.page);
    const seconds = (Date.now() - started) / 1000;
    // Still on for the whole measurement: nothing gave up.
    expect(await problemShown(ada.page)).toBe(false);
    expect(await isPressed(ada.page, 'toggle-blur')).toBe(true);
    expect(await sent(ada.page, 'video')).toBe('processed');
    const masksPerSecond = (after.masks - before.masks) / seconds;
    const composited = after.frames - before.frames;
    const skipped = after.skippedFrames - before.skippedFrames;
    console.log(
      `[effects] blur active: model ${after.maskMs.toFixed(1)} ms/mask (${masksPerSecond.toFixed(1)} masks/s, round trip ${after.maskRoundTripMs.toFixed(1)} ms), composite ${after.frameMs.toFixed(2)} ms/frame (${composited} frames, ${skipped} camera frames skipped)\n` +
        `  far-end fps ${sharpFps.toFixed(2)} (blur off) -> ${blurFps.toFixed(2)} (blur on), ratio ${(blurFps / sharpFps).toFixed(3)}\n` +
        `  far-end edge energy ${sharpEdges.toFixed(1)} -> ${blurEdges.toFixed(1)}, ratio ${(blurEdges / sharpEdges).toFixed(3)}`,
    );
    expect(masksPerSecond).toBeGreaterThanOrEqual(3);
    expect(blurEdges / sharpEdges).toBeLessThanOrEqual(0.5);
    expect(blurFps / sharpFps).toBeGreaterThanOrEqual(0.9);

    // Camera off: the pipeline stops and the camera itself is released.
    await ada.page.getByTestId('toggle-camera').click();
    await waitForPressed(ada.page, 'toggle-camera', false);
    await waitFor(async () => (await liveLocalTracks(ada.page)).every((t) => t.kind !== 'video'), {
      message: "no live camera track on Ada's page",
    });
    expect(await sent(ada.page, 'video')).not.toBe('processed');

    // Camera on again: blur resumes on the new camera track and keeps going.
    await ada.page.getByTestId('toggle-camera').click();
    await waitFor(async () => (await sent(ada.page, 'video')) === 'processed', {
      timeout: 30_000,
      message: 'blur to resume on the new camera',
    });
    const resumed = (await blurStats(ada.page)).masks;
    await waitFor(async () => (await blurStats(ada.page)).masks >= resumed + 5, {
      timeout: 15_000,
      message: 'masks for the new camera',
    });
    expect(await problemShown(ada.page)).toBe(false);

    // Remembered: the choice survives a reload (here: on).
    await ada.page.goto(`${server.url}/${generateRoomId()}`);
    await waitForPressed(ada.page, 'toggle-blur', true);
    await ada.close();
    await bob.close();
  });

  test('a machine too slow for blur says so, turns it off and sends the sharp camera at full rate', async () => {
    const { ada, bob, adaId } = await callWithAda();
    const sharpFps = await settledFps(bob.page, adaId);
    // Test hook: no composited frame fits a budget of 1 µs.
    await ada.page.evaluate(() => {
      (window as unknown as { __parleyBlurBudgetMs: number }).__parleyBlurBudgetMs = 0.001;
    });
    await ada.page.getByTestId('toggle-blur').click();
    await waitFor(() => problemShown(ada.page), { timeout: 30_000, message: 'blur to give up' });
    expect(await ada.page.getByTestId('effect-problem').innerText()).toMatch(/too slow/);
    await waitForPressed(ada.page, 'toggle-blur', false);
    await waitFor(async () => (await sent(ada.page, 'video')) === 'raw', {
      message: 'Ada to send the sharp camera again',
    });
    const fps = await settledFps(bob.page, adaId);
    console.log(
      `[effects] blur gave up (forced budget): far-end fps ${sharpFps.toFixed(2)} -> ${fps.toFixed(2)}`,
    );
    expect(fps / sharpFps).toBeGreaterThanOrEqual(0.9);
    await ada.close();
    await bob.close();
  });
});
