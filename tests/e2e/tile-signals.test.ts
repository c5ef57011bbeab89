// What a tile tells about its person, from real media: the speaking ring
// (audio levels of a speech-like fake microphone) and the connection-quality
// mark (getStats round-trip time), with one person on a slow network.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
import {
  joinCall,
  launchBrowser,
  newParticipant,
  startServer,
  TID,
  waitFor,
  waitForMediaFlow,
  type Participant,
  type ParleyServer,
} from './harness';
import { writeVoiceWav } from './support/voice';

let server: ParleyServer;
let browser: Browser;
let slowLink: CDPSession | undefined;
const people: Participant[] = [];

beforeAll(async () => {
  const voice = writeVoiceWav();
  [server, browser] = await Promise.all([
    startServer(),
    launchBrowser({ args: [`--use-file-for-fake-audio-capture=${voice}`] }),
  ]);
});

afterAll(async () => {
  await slowLink?.detach().catch(() => undefined);
  for (const p of people) await p.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

function tile(page: Page, name: string) {
  return page.getByTestId(TID.remoteTile).filter({ hasText: name });
}

/** Samples `probe` every 250 ms for `ms` and returns every value seen. */
async function sample<T>(probe: () => Promise<T>, ms: number): Promise<T[]> {
  const seen: T[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    seen.push(await probe());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return seen;
}

describe('tile signals', () => {
  let ann: Participant;
  let bob: Participant;
  let cat: Participant;

  test('three people, one of them (Bob) on a slow network, all see each other', async () => {
    const roomId = generateRoomId();
    [ann, bob, cat] = await Promise.all([
      newParticipant(browser),
      newParticipant(browser),
      newParticipant(browser),
    ]);
    people.push(ann, bob, cat);
    // 250 ms each way on Bob's page: set before his connections exist, so WebRTC feels it.
    slowLink = await bob.context.newCDPSession(bob.page);
    await slowLink.send('Network.enable');
    await slowLink.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 250,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await joinCall(ann.page, server.url, roomId, 'Ann');
    await joinCall(cat.page, server.url, roomId, 'Cat');
    await joinCall(bob.page, server.url, roomId, 'Bob');
    await Promise.all([ann, bob, cat].map((p) => waitForMediaFlow(p.page, 2, 45_000)));
  });

  test('the slow link shows as poor on both ends; a fast one as good', async () => {
    const quality = (page: Page, name: string) =>
      tile(page, name).getByTestId('quality').getAttribute('data-quality', { timeout: 2000 });
    await waitFor(async () => (await quality(ann.page, 'Bob')) === 'poor', {
      timeout: 30_000,
      message: "Ann's mark for Bob's connection says poor",
    });
    await waitFor(async () => (await quality(bob.page, 'Ann')) === 'poor', {
      timeout: 30_000,
      message: "Bob's mark for Ann's connection says poor",
    });
    await waitFor(async () => (await quality(ann.page, 'Cat')) === 'good', {
      timeout: 30_000,
      message: "Ann's mark for Cat's connection says good",
    });
    await expect(
      tile(ann.page, 'Bob').getByTestId('quality').getAttribute('aria-label'),
    ).resolves.toBeTruthy();
  });

  test("the speaking ring follows a person's sound, and stays off while they are muted", async () => {
    const speaking = () => tile(ann.page, 'Cat').getAttribute('data-speaking', { timeout: 2000 });
    await waitFor(async () => (await speaking()) === 'true', {
      timeout: 20_000,
      message: "Ann sees Cat's tile speaking",
    });
    await cat.page.getByTestId(TID.toggleMic).click();
    await waitFor(
      async () =>
        (await tile(ann.page, 'Cat').getAttribute('data-mic', { timeout: 2000 })) === 'off',
      { timeout: 10_000, message: "Ann sees Cat's mic off" },
    );
    await waitFor(async () => (await speaking()) === 'false', {
      timeout: 10_000,
      message: "Cat's ring goes off after the mute",
    });
    // Several bursts' worth of time: a muted microphone never lights the ring.
    expect(new Set(await sample(speaking, 4000))).toEqual(new Set(['false']));
  });
});
