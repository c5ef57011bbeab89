// The meeting UI in real Chromium: lobby choices carry into the call, chat
// between browsers (as text only), pinning a tile, and the spotlight on share.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
import {
  joinCall,
  launchBrowser,
  newParticipant,
  startServer,
  TID,
  waitFor,
  waitForHydration,
  waitForMediaFlow,
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
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  for (const p of people) expect(p.pageErrors).toEqual([]);
  await Promise.all(people.splice(0).map((p) => p.close()));
});

async function person(): Promise<Participant> {
  const p = await newParticipant(browser);
  people.push(p);
  return p;
}

const pressed = (page: Page, testId: string) =>
  page.getByTestId(testId).getAttribute('aria-pressed');

/** The participant id of the remote tile whose text includes `name`. */
async function tileId(page: Page, name: string): Promise<string> {
  const tile = page.getByTestId(TID.remoteTile).filter({ hasText: name });
  await tile.waitFor({ timeout: 30_000 });
  const id = await tile.getAttribute('data-participant-id');
  if (!id) throw new Error(`tile of ${name} has no participant id`);
  return id;
}

async function area(page: Page, selector: string): Promise<number> {
  const box = await page.locator(selector).first().boundingBox();
  return box ? box.width * box.height : 0;
}

describe('meeting UI', () => {
  test('lobby choices (camera off, mic off, name) carry into the call and are remembered', async () => {
    const roomId = generateRoomId();
    const alice = await person();
    const bob = await person();
    await joinCall(bob.page, server.url, roomId, 'Bob');
    const { page } = alice;
    await page.goto(`${server.url}/${roomId}`);
    await waitForHydration(page, TID.joinButton);
    await expect
      .poll(() => page.getByTestId('lobby-count').textContent())
      .toBe('1 person is in this call');
    await waitFor(async () => (await pressed(page, 'lobby-toggle-camera')) === 'true', {
      timeout: 15_000,
      message: 'camera on in the lobby',
    });
    await page.getByTestId('lobby-toggle-camera').click();
    await page.getByTestId('lobby-toggle-mic').click();
    await waitFor(async () => (await pressed(page, 'lobby-toggle-mic')) === 'false', {
      message: 'mic off',
    });
    expect(
      await page.getByTestId(TID.prejoinPreview).evaluate((v: HTMLVideoElement) => v.srcObject),
    ).toBeNull();
    await page.getByTestId(TID.displayName).fill('  Alice   Liddell  ');
    await page.getByTestId(TID.joinButton).click();
    await page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
    expect(await pressed(page, TID.toggleCamera)).toBe('false');
    expect(await pressed(page, TID.toggleMic)).toBe('false');
    // Bob sees her as she chose; she receives Bob's camera.
    const seen = bob.page.getByTestId(TID.remoteTile).filter({ hasText: 'Alice Liddell' });
    await seen.waitFor({ timeout: 30_000 });
    await waitFor(
      async () =>
        (await seen.getAttribute('data-camera')) === 'off' &&
        (await seen.getAttribute('data-mic')) === 'off',
      { timeout: 15_000, message: "Alice's tile off/off at Bob" },
    );
    await waitForMediaFlow(page, 1);
    // Ctrl+D turns her mic on in the call, and Bob sees it.
    await page.keyboard.press('Control+d');
    await waitFor(async () => (await seen.getAttribute('data-mic')) === 'on', {
      timeout: 15_000,
      message: 'mic on at Bob after Ctrl+D',
    });
    expect(await pressed(page, TID.toggleMic)).toBe('true');
    // Leave and come back: the lobby remembers the name and the camera choice.
    await page.getByTestId(TID.leave).click();
    await page.getByText('You left the meeting').waitFor();
    await page.reload();
    await waitForHydration(page, TID.joinButton);
    expect(await page.getByTestId(TID.displayName).inputValue()).toBe('Alice Liddell');
    await waitFor(async () => (await pressed(page, 'lobby-toggle-camera')) === 'false', {
      message: 'camera remembered off',
    });
  });

  test('chat between two browsers: text only, unread badge, sender and time', async () => {
    const roomId = generateRoomId();
    const alice = await person();
    const bob = await person();
    await joinCall(alice.page, server.url, roomId, 'Alice');
    await joinCall(bob.page, server.url, roomId, '<img src=x onerror="window.__pwned=1">');
    await alice.page.getByTestId(TID.chatToggle).click();
    const evil = '<img src=x onerror="window.__pwned=2"><b>bold</b> see https://example.com/x';
    await alice.page.getByTestId(TID.chatInput).fill(evil);
    await alice.page.getByTestId(TID.chatSend).click();
    await bob.page.getByTestId('chat-unread').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await bob.page.getByTestId(TID.chatToggle).click();
    const message = bob.page.getByTestId(TID.chatMessage);
    await message.waitFor();
    expect(await message.getByTestId('chat-text').textContent()).toBe(evil);
    expect(await message.getByTestId('chat-sender').textContent()).toBe('Alice');
    expect(await message.locator('time').textContent()).toMatch(/\d{1,2}:\d{2}/);
    expect(await message.locator('img, b').count()).toBe(0);
    const link = message.getByRole('link');
    expect(await link.getAttribute('href')).toBe('https://example.com/x');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await bob.page.getByTestId(TID.chatInput).fill('hi Alice');
    await bob.page.keyboard.press('Enter');
    const reply = alice.page.getByTestId(TID.chatMessage).filter({ hasText: 'hi Alice' });
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.getByTestId('chat-sender').textContent()).toBe(
      '<img src=x onerror="window.__pwned=1">',
    );
    for (const page of [alice.page, bob.page]) {
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(await page.locator('[data-testid="chat-message"] img').count()).toBe(0);
    }
  });

  test('pin a tile to the spotlight and unpin it; a screen share takes the spotlight', async () => {
    const roomId = generateRoomId();
    const [alice, bob, carol] = [await person(), await person(), await person()];
    await joinCall(alice.page, server.url, roomId, 'Alice');
    await joinCall(bob.page, server.url, roomId, 'Bob');
    await joinCall(carol.page, server.url, roomId, 'Carol');
    const page = alice.page;
    const bobId = await tileId(page, 'Bob');
    await tileId(page, 'Carol');
    await waitForMediaFlow(page, 2);
    await page.getByTestId('grid').waitFor();
    const bobTile = `[data-testid="remote-tile"][data-participant-id="${bobId}"]`;
    const carolTile = '[data-testid="remote-tile"]:has-text("Carol")';
    // Pin Bob: he fills the spotlight, Carol goes to the filmstrip.
    await page.locator(bobTile).hover();
    await page.locator(bobTile).getByTestId('pin-tile').click();
    await page.locator(`[data-testid="spotlight"][data-focus="${bobId}"]`).waitFor();
    expect(await page.locator(bobTile).getByTestId('pin-tile').getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await area(page, bobTile)).toBeGreaterThan(4 * (await area(page, carolTile)));
    expect(await page.getByTestId(TID.remoteTile).count()).toBe(2);
    // Unpin: back to the grid, tiles the same size.
    await page.locator(bobTile).getByTestId('pin-tile').click();
    await page.getByTestId('grid').waitFor();
    expect(await page.getByTestId('spotlight').count()).toBe(0);
    const ratio = (await area(page, bobTile)) / (await area(page, carolTile));
    expect(ratio).toBeGreaterThan(0.95);
    expect(ratio).toBeLessThan(1.05);
    // Carol shares her screen: it takes the spotlight at Alice, people in the filmstrip.
    await carol.page.getByTestId(TID.toggleScreen).click();
    const screen = page.getByTestId(TID.screenTile);
    await screen.waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="spotlight"][data-focus^="screen:"]').waitFor();
    const size = await waitFor(
      () =>
        screen
          .locator('video')
          .evaluate((v: HTMLVideoElement) =>
            v.videoWidth > 0 ? { w: v.videoWidth, h: v.videoHeight } : null,
          ),
      { timeout: 15_000, message: 'screen share frames' },
    );
    expect(Math.abs(size.w / size.h - 16 / 9)).toBeLessThan(0.05);
    expect(await area(page, '[data-testid="screen-tile"]')).toBeGreaterThan(
      4 * (await area(page, bobTile)),
    );
    expect(await page.getByTestId(TID.remoteTile).count()).toBe(2);
    // A pin wins over the share; stopping the share brings the grid back.
    await page.locator(bobTile).getByTestId('pin-tile').click();
    await page.locator(`[data-testid="spotlight"][data-focus="${bobId}"]`).waitFor();
    await page.locator(bobTile).getByTestId('pin-tile').click();
    await carol.page.getByTestId(TID.toggleScreen).click();
    await page.getByTestId('grid').waitFor({ timeout: 15_000 });
    expect(await screen.count()).toBe(0);
  });
});
