// The landing page in real Chromium against the production build: create a
// meeting, join one by code or link, and the errors for codes that are not.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  launchBrowser,
  newParticipant,
  ROOM_PATH,
  startServer,
  TID,
  waitForHydration,
  type Participant,
  type ParleyServer,
} from './harness';

let server: ParleyServer;
let browser: Browser;
let person: Participant | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  if (person) expect(person.pageErrors).toEqual([]);
  await person?.close();
  person = undefined;
});

async function openLanding(): Promise<Participant> {
  person = await newParticipant(browser);
  await person.page.goto(`${server.url}/`);
  await waitForHydration(person.page, TID.createRoom);
  return person;
}

/** The code field's error. (Next.js adds an empty role=alert route announcer too.) */
const codeError = (page: Page) =>
  page.getByRole('alert').filter({ hasText: /not a meeting code or link/i });

async function joinWith(code: string): Promise<Participant> {
  const opened = await openLanding();
  await opened.page.getByTestId(TID.roomCodeInput).fill(code);
  await opened.page.getByTestId(TID.joinCode).click();
  return opened;
}

describe('landing page', () => {
  test('"New meeting" opens a fresh room at /<room id>', async () => {
    const { page } = await openLanding();
    await page.getByTestId(TID.createRoom).click();
    await page.waitForURL((url) => ROOM_PATH.test(url.pathname));
    const url = new URL(page.url());
    expect(url.origin).toBe(server.url);
    expect(url.pathname).toMatch(ROOM_PATH);
    expect(url.search).toBe('');
  });

  test('going back and clicking "New meeting" again gives another room', async () => {
    const { page } = await openLanding();
    await page.getByTestId(TID.createRoom).click();
    await page.waitForURL((url) => ROOM_PATH.test(url.pathname));
    const first = new URL(page.url()).pathname;
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/');
    await waitForHydration(page, TID.createRoom);
    await page.getByTestId(TID.createRoom).click();
    await page.waitForURL((url) => ROOM_PATH.test(url.pathname) && url.pathname !== first);
  });

  test.each([
    ['an upper-case code without dashes', 'ABCDEFGHJKMN'],
    ['a code with spaces around it', '  abcd-efgh-jkmn  '],
    ['a pasted link with a query and hash', 'https://parley.example/ABCD-EFGH-JKMN?from=mail#x'],
  ])('joining with %s lands on the canonical room URL', async (_, code) => {
    const { page } = await joinWith(code);
    await page.waitForURL((url) => url.pathname !== '/');
    expect(new URL(page.url()).pathname).toBe('/abcd-efgh-jkmn');
  });

  test('pressing Enter in the code field joins too', async () => {
    const { page } = await openLanding();
    await page.getByTestId(TID.roomCodeInput).fill('wxyz-2345-6789');
    await page.getByTestId(TID.roomCodeInput).press('Enter');
    await page.waitForURL((url) => url.pathname !== '/');
    expect(new URL(page.url()).pathname).toBe('/wxyz-2345-6789');
  });

  test('a bad code shows an error and stays on the landing page', async () => {
    const { page } = await joinWith('not a code');
    const alert = codeError(page);
    await alert.waitFor({ state: 'visible' });
    expect(await alert.textContent()).toMatch(/a code looks like abcd-efgh-jkmn/i);
    expect(await page.getByTestId(TID.roomCodeInput).getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/');

    // Editing the code clears the error.
    await page.getByTestId(TID.roomCodeInput).fill('abcd');
    await alert.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/');
  });

  test('a link to a page other than a room is refused', async () => {
    const { page } = await joinWith(`${server.url}/rooms/abcd-efgh-jkmn`);
    await codeError(page).waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/');
  });

  test('an invalid room URL says to check the meeting code', async () => {
    person = await newParticipant(browser);
    const { page } = person;
    await page.goto(`${server.url}/not-a-room`);
    const heading = page.getByRole('heading', { name: 'Check your meeting code' });
    await heading.waitFor({ state: 'visible' });
    expect(await page.getByRole('link', { name: 'Go home' }).getAttribute('href')).toBe('/');
  });
});
