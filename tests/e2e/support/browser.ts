// One Chromium per test file, one browser context per participant (see
// /work/shared/TESTING.md: faster, and no more CPU than a browser each).
import { existsSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type ViewportSize,
} from 'playwright-core';
import { instrumentPage } from './instrument';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The fake camera: --use-fake-device-for-media-stream=<this>. */
const FAKE_DEVICE = 'fps=10';

export const CHROMIUM_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Default: $CHROMIUM_PATH, else /usr/bin/chromium (or a wrapper, e.g. for a netns). */
  executablePath?: string;
  /** Value of --use-fake-device-for-media-stream, e.g. 'fps=10,display-media-type=browser'. */
  fakeDevice?: string;
  /** More flags, e.g. --unsafely-treat-insecure-origin-as-secure=http://10.0.0.2:3000 */
  args?: string[];
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chrome/Chromium binary.`,
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      `--use-fake-device-for-media-stream=${options.fakeDevice ?? FAKE_DEVICE}`,
      ...CHROMIUM_ARGS,
      ...(options.args ?? []),
    ],
  });
}

export interface ParticipantOptions {
  /** Grant camera and microphone (default). false: getUserMedia rejects with NotAllowedError. */
  permissions?: boolean;
  /** No camera at all: video requests reject with NotFoundError; the microphone works. */
  noCamera?: boolean;
  /** The camera is blocked (NotAllowedError); the microphone works. */
  denyCamera?: boolean;
  /** Default 1280x720; null for no fixed viewport. */
  viewport?: ViewportSize | null;
  /** Lets tests call page.goto('/abcd-efgh-jkmn'). */
  baseURL?: string;
}

export interface Participant {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown in this participant's pages. */
  pageErrors: string[];
  /** console.error output of this participant's pages. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * A person in their own browser context (own cookies, storage and
 * permissions) with one open page. Every page of the context records its
 * RTCPeerConnections and local media tracks (see support/instrument.ts).
 */
export async function newParticipant(
  browser: Browser,
  options: ParticipantOptions = {},
): Promise<Participant> {
  const allowed = options.permissions ?? true;
  const context = await browser.newContext({
    permissions: allowed ? ['camera', 'microphone'] : [],
    viewport: options.viewport === undefined ? { width: 1280, height: 720 } : options.viewport,
    baseURL: options.baseURL,
  });
  await context.addInitScript(instrumentPage, {
    deny: !allowed,
    denyCamera: options.denyCamera ?? false,
    noCamera: options.noCamera ?? false,
  });
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  };
  context.on('page', watch);
  const page = await context.newPage();
  return {
    context,
    page,
    pageErrors,
    consoleErrors,
    close: () => context.close(),
  };
}
