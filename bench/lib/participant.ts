/**
 * A participant for the browser benchmark, as the e2e harness makes them, with
 * one difference: tsx (which runs the benchmarks) compiles with esbuild's
 * keepNames, so functions serialised into the page (init scripts, evaluate
 * callbacks) call a `__name` helper the page does not have. Define it first.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { instrumentPage } from '../../tests/e2e/support/instrument';

export interface BenchParticipant {
  context: BrowserContext;
  page: Page;
  pageErrors: string[];
  close(): Promise<void>;
}

const NAME_HELPER = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

export async function benchParticipant(browser: Browser): Promise<BenchParticipant> {
  const context = await browser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: { width: 1280, height: 720 },
  });
  await context.addInitScript(NAME_HELPER);
  await context.addInitScript(instrumentPage, { deny: false, denyCamera: false, noCamera: false });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, pageErrors, close: () => context.close() };
}
