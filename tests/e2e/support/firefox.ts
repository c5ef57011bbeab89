// Firefox in the browser tests: Debian's firefox-esr driven by puppeteer-core
// over WebDriver BiDi (playwright-core cannot drive a stock Firefox; see
// /work/shared/TESTING.md). One Firefox process per test file, one browser
// context per participant, the same init script as the Chromium pages, so
// support/tiles.ts and support/media.ts read a Firefox page the same way.
import { existsSync } from 'node:fs';
import puppeteer, {
  type Browser as FirefoxBrowser,
  type BrowserContext as FirefoxContext,
  type Page as FirefoxPage,
} from 'puppeteer-core';
import type { Page } from 'playwright-core';
import { TID } from './app';
import { instrumentPage } from './instrument';
import { waitFor } from './wait';

export type { FirefoxBrowser, FirefoxPage };

export const DEFAULT_FIREFOX = '/usr/bin/firefox-esr';

/**
 * Fake camera and microphone without a prompt, and plain host candidates
 * (not mDNS names) so two browsers on one machine connect without STUN.
 */
export const FIREFOX_PREFS: Record<string, unknown> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // Small fake capture, like the Chromium pages' 320x240 at 10 fps.
  'media.navigator.video.default_width': 320,
  'media.navigator.video.default_height': 240,
  'media.navigator.video.default_fps': 10,
  // A page in the background (every page but one) keeps playing media.
  'media.block-autoplay-until-in-foreground': false,
  'media.autoplay.default': 0,
};

/** The firefox-esr binary: $FIREFOX_PATH, else /usr/bin/firefox-esr; throws one clear line. */
export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? DEFAULT_FIREFOX;
  if (!existsSync(path)) {
    throw new Error(
      `Firefox not found at ${path}: install it (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH.`,
    );
  }
  return path;
}

export async function launchFirefox(): Promise<FirefoxBrowser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    extraPrefsFirefox: FIREFOX_PREFS,
  });
}

export interface FirefoxParticipant {
  context: FirefoxContext;
  page: FirefoxPage;
  /** Uncaught exceptions thrown in the page. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** A person in their own Firefox context, with the recording init script of support/instrument.ts. */
export async function newFirefoxParticipant(browser: FirefoxBrowser): Promise<FirefoxParticipant> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  await page.evaluateOnNewDocument(instrumentPage, { deny: false, noCamera: false });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  return { context, page, pageErrors, close: () => context.close() };
}

/**
 * The helpers of support/tiles.ts and support/media.ts use only
 * `page.evaluate(fn, arg)` and `page.url()`, which puppeteer's Page has with
 * the same meaning: this lets them read a Firefox page.
 */
export function asEvaluator(page: FirefoxPage): Page {
  return page as unknown as Page;
}

const byTestId = (id: string) => `[data-testid="${id}"]`;

/** Waits until React has hydrated the element (see support/app.ts waitForHydration). */
export async function waitForFirefoxHydration(page: FirefoxPage, testId: string, timeout = 30_000) {
  await page.waitForFunction(
    (id) => {
      const element = document.querySelector(`[data-testid="${id}"]`);
      return !!element && Object.keys(element).some((key) => key.startsWith('__reactProps$'));
    },
    { timeout, polling: 100 },
    testId,
  );
}

/** Opens the room, types the name, joins, and waits for self-view. */
export async function joinCallInFirefox(
  page: FirefoxPage,
  url: string,
  roomId: string,
  name: string,
) {
  await page.goto(`${url}/${roomId}`);
  await waitForFirefoxHydration(page, TID.joinButton);
  await page.locator(byTestId(TID.displayName)).fill(name);
  await page.locator(byTestId(TID.joinButton)).click();
  await page.waitForSelector(byTestId(TID.selfView), { timeout: 30_000 });
}

export async function clickInFirefox(page: FirefoxPage, testId: string): Promise<void> {
  await page.locator(byTestId(testId)).click();
}

export async function fillInFirefox(page: FirefoxPage, testId: string, text: string) {
  await page.locator(byTestId(testId)).fill(text);
}

/** Waits until a toggle's aria-pressed is `pressed`. */
export async function waitForFirefoxPressed(page: FirefoxPage, testId: string, pressed: boolean) {
  await waitFor(
    () =>
      page
        .$eval(byTestId(testId), (el) => el.getAttribute('aria-pressed'))
        .then((v) => v === String(pressed)),
    { timeout: 10_000, message: `${testId} aria-pressed=${pressed} in Firefox` },
  );
}

/** The texts of the chat messages this page shows. */
export function chatTexts(page: FirefoxPage): Promise<string[]> {
  return page.$$eval(byTestId(TID.chatMessage), (els) =>
    els.map((el) => (el as HTMLElement).innerText),
  );
}
