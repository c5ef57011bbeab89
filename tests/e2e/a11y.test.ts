// Accessibility scan with axe-core on the landing page, the lobby and the call
// (with another person, and with the chat and people panels open): no serious
// or critical violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { generateRoomId } from '@/lib/view/roomId';
import {
  joinCall,
  launchBrowser,
  newParticipant,
  startServer,
  TID,
  waitForHydration,
  type Participant,
  type ParleyServer,
} from './harness';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

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
  await Promise.all(people.splice(0).map((p) => p.close()));
});

async function person(viewport = { width: 1280, height: 720 }): Promise<Participant> {
  const p = await newParticipant(browser, { viewport });
  people.push(p);
  return p;
}

describe.each([
  ['desktop', { width: 1280, height: 720 }],
  ['phone', { width: 360, height: 740 }],
])('axe on %s', (_, viewport) => {
  test('landing page', async () => {
    const { page } = await person(viewport);
    await page.goto(`${server.url}/`);
    await waitForHydration(page, TID.createRoom);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('lobby, with the camera preview running', async () => {
    const { page } = await person(viewport);
    await page.goto(`${server.url}/${generateRoomId()}`);
    await waitForHydration(page, TID.joinButton);
    await page
      .getByTestId(TID.prejoinPreview)
      .evaluate((v: HTMLVideoElement) =>
        v.videoWidth > 0
          ? undefined
          : new Promise((r) => v.addEventListener('loadeddata', r, { once: true })),
      );
    await page.getByTestId('lobby-count').filter({ hasText: 'No one else' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('call with another person, then with the chat and the people panels open', async () => {
    const roomId = generateRoomId();
    const alice = await person(viewport);
    const bob = await person(viewport);
    await joinCall(alice.page, server.url, roomId, 'Alice');
    await joinCall(bob.page, server.url, roomId, 'Bob');
    const page = alice.page;
    await page.getByTestId(TID.remoteTile).waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId(TID.chatToggle).click();
    await page.getByTestId(TID.chatInput).fill('hello https://example.com');
    await page.getByTestId(TID.chatSend).click();
    await page.getByTestId(TID.chatMessage).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('people-toggle').click();
    await page.getByTestId('participant-row').nth(1).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
