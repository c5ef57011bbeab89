// Everyone is heard, whatever their video does: a person who joins with the
// camera off, or with the camera blocked, is played through their own
// <audio> element (inbound-rtp totalAudioEnergy grows only for audio that is
// played out). And a connection whose negotiation fails is not silent: it
// retries by itself, and when it cannot, both ends say so and offer a retry.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
import {
  joinCall,
  launchBrowser,
  newParticipant,
  startServer,
  TID,
  waitFor,
  waitForHydration,
  waitForIds,
  waitForMediaFlow,
  waitForTileAttribute,
  type Participant,
  type ParleyServer,
} from './harness';
import { remoteVoice, waitForVoice } from './support/audio';
import type { InstrumentedWindow } from './support/instrument';
import { writeVoiceWav } from './support/voice';

let server: ParleyServer;
let browser: Browser;
const people: Participant[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(),
    launchBrowser({ args: [`--use-file-for-fake-audio-capture=${writeVoiceWav()}`] }),
  ]);
});

afterAll(async () => {
  for (const p of people) await p.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function person(options: Parameters<typeof newParticipant>[1] = {}): Promise<Participant> {
  const p = await newParticipant(browser, options);
  people.push(p);
  return p;
}

/** Opens the room, turns the camera off in the lobby, and joins. */
async function joinWithCameraOff(page: Page, roomId: string, name: string): Promise<void> {
  await page.goto(`${server.url}/${roomId}`);
  await waitForHydration(page, TID.joinButton);
  const toggle = page.getByTestId('lobby-toggle-camera');
  await waitFor(async () => (await toggle.getAttribute('aria-pressed')) === 'true', {
    timeout: 15_000,
    message: 'the lobby camera to start',
  });
  await toggle.click();
  await waitFor(async () => (await toggle.getAttribute('aria-pressed')) === 'false', {
    message: 'the lobby camera to go off',
  });
  await page.getByTestId(TID.displayName).fill(name);
  await page.getByTestId(TID.joinButton).click();
  await page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
}

async function leaveAll(...list: Participant[]): Promise<void> {
  for (const p of list) await p.close().catch(() => undefined);
}

describe('every remote voice is played, whatever video does', () => {
  test('Bob joins with the camera off: Ada hears him, through camera on and off again', async () => {
    const roomId = generateRoomId();
    const ada = await person();
    const bob = await person();
    await joinCall(ada.page, server.url, roomId, 'Ada');
    await joinWithCameraOff(bob.page, roomId, 'Bob');
    const { Bob: bobId } = await waitForIds(ada.page, ['Bob']);
    await waitForTileAttribute(ada.page, bobId, 'data-camera', 'off');

    // The camera <video> of Bob's tile never gets a frame; his voice plays anyway.
    expect(await waitForVoice(ada.page, bobId)).toBeGreaterThan(0);
    const videoState = await ada.page
      .locator(`[data-testid="remote-tile"][data-participant-id="${bobId}"] video`)
      .evaluate((v: HTMLVideoElement) => ({ muted: v.muted, width: v.videoWidth }));
    expect(videoState).toEqual({ muted: true, width: 0 });

    await bob.page.getByTestId(TID.toggleCamera).click();
    await waitForTileAttribute(ada.page, bobId, 'data-camera', 'on');
    expect(await waitForVoice(ada.page, bobId)).toBeGreaterThan(0);
    await waitForMediaFlow(ada.page, 1);

    await bob.page.getByTestId(TID.toggleCamera).click();
    await waitForTileAttribute(ada.page, bobId, 'data-camera', 'off');
    expect(await waitForVoice(ada.page, bobId)).toBeGreaterThan(0);
    await leaveAll(ada, bob);
  });

  test('Bob blocked his camera (microphone allowed): Ada hears him', async () => {
    const roomId = generateRoomId();
    const ada = await person();
    const bob = await person({ denyCamera: true });
    await joinCall(ada.page, server.url, roomId, 'Ada');
    await joinCall(bob.page, server.url, roomId, 'Bob');
    const { Bob: bobId } = await waitForIds(ada.page, ['Bob']);
    await waitForTileAttribute(ada.page, bobId, 'data-camera', 'off');
    await waitForTileAttribute(ada.page, bobId, 'data-mic', 'on');
    expect(await waitForVoice(ada.page, bobId)).toBeGreaterThan(0);
    // And Bob, without a camera of his own, still sees and hears Ada.
    const { Ada: adaId } = await waitForIds(bob.page, ['Ada']);
    expect(await waitForVoice(bob.page, adaId)).toBeGreaterThan(0);
    await waitForMediaFlow(bob.page, 1);
    await leaveAll(ada, bob);
  });

  test('three people, two with the camera off: everyone hears both others', async () => {
    const roomId = generateRoomId();
    const ada = await person();
    const bob = await person();
    const cy = await person();
    await joinCall(ada.page, server.url, roomId, 'Ada');
    await joinWithCameraOff(bob.page, roomId, 'Bob');
    await joinWithCameraOff(cy.page, roomId, 'Cy');
    const ids = {
      ada: await waitForIds(ada.page, ['Bob', 'Cy']),
      bob: await waitForIds(bob.page, ['Ada', 'Cy']),
      cy: await waitForIds(cy.page, ['Ada', 'Bob']),
    };
    const heard = await Promise.all([
      waitForVoice(ada.page, ids.ada.Bob),
      waitForVoice(ada.page, ids.ada.Cy),
      waitForVoice(bob.page, ids.bob.Ada),
      waitForVoice(bob.page, ids.bob.Cy),
      waitForVoice(cy.page, ids.cy.Ada),
      waitForVoice(cy.page, ids.cy.Bob),
    ]);
    for (const energy of heard) expect(energy).toBeGreaterThan(0);
    await leaveAll(ada, bob, cy);
  });
});

/** Sets how many of the next remote offers this page's browser gets truncated (and refuses). */
function refuseOffers(page: Page, count: number): Promise<void> {
  return page.evaluate((n) => {
    (window as unknown as InstrumentedWindow).__parleyRefuseOffers = n;
  }, count);
}

function refusalsLeft(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as InstrumentedWindow).__parleyRefuseOffers);
}

const tileOf = (page: Page, id: string) =>
  page.locator(`[data-testid="remote-tile"][data-participant-id="${id}"]`);

describe('a negotiation that fails is never silent', () => {
  test('a refused offer is offered again and the call connects by itself', async () => {
    const roomId = generateRoomId();
    const ada = await person();
    const bob = await person();
    await joinCall(ada.page, server.url, roomId, 'Ada');
    await refuseOffers(ada.page, 1);
    await joinCall(bob.page, server.url, roomId, 'Bob');
    await Promise.all([waitForMediaFlow(ada.page, 1), waitForMediaFlow(bob.page, 1)]);
    // The offer really was refused once. The same connection takes the offer sent
    // again; on a loaded machine the 12 s step may also have made a new one.
    expect(await refusalsLeft(ada.page)).toBe(0);
    const connections = (page: Page) =>
      page.evaluate(() => (window as unknown as InstrumentedWindow).__parleyPCs.length);
    for (const count of [await connections(ada.page), await connections(bob.page)]) {
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(2);
    }
    const { Bob: bobId } = await waitForIds(ada.page, ['Bob']);
    expect(await waitForVoice(ada.page, bobId)).toBeGreaterThan(0);
    await expect(tileOf(ada.page, bobId).getByTestId('retry-connection').count()).resolves.toBe(0);
    await leaveAll(ada, bob);
  });

  test('offers refused every time: both ends say so, and Retry connects once it can', async () => {
    const roomId = generateRoomId();
    const ada = await person();
    const bob = await person();
    await joinCall(ada.page, server.url, roomId, 'Ada');
    await refuseOffers(ada.page, 1000);
    await joinCall(bob.page, server.url, roomId, 'Bob');
    const { Bob: bobId } = await waitForIds(ada.page, ['Bob']);
    const { Ada: adaId } = await waitForIds(bob.page, ['Ada']);
    const gaveUp = async (page: Page, id: string, name: string) => {
      const note = tileOf(page, id).getByTestId('connection-note');
      await waitFor(
        async () => (await note.textContent())?.includes(`Could not connect to ${name}`),
        {
          timeout: 45_000,
          message: `"Could not connect to ${name}"`,
        },
      );
      await tileOf(page, id).getByTestId('retry-connection').waitFor({ state: 'visible' });
    };
    // Bob offered, Ada refused: Bob offered again, then made a new connection, then gave up.
    await Promise.all([gaveUp(bob.page, adaId, 'Ada'), gaveUp(ada.page, bobId, 'Bob')]);
    expect(await refusalsLeft(ada.page)).toBeLessThanOrEqual(1000 - 3);

    // Whatever broke is fixed; Ada (the side that did not offer) clicks Retry.
    await refuseOffers(ada.page, 0);
    await tileOf(ada.page, bobId).getByTestId('retry-connection').click();
    await Promise.all([waitForMediaFlow(ada.page, 1), waitForMediaFlow(bob.page, 1)]);
    await tileOf(bob.page, adaId).getByTestId('retry-connection').waitFor({ state: 'detached' });
    expect(await remoteVoice(ada.page, bobId)).not.toBeNull();
    await leaveAll(ada, bob);
  });
});
