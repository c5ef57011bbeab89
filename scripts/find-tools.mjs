// Locates the external programs the test suite drives. Each finder returns a
// path or null; `requireTool` turns a miss into one clear line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

function onPath(name) {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = result.stdout.trim();
  return result.status === 0 && path ? path : null;
}

function playwrightChromium() {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return null;
  for (const dir of readdirSync(cache)
    .filter((d) => d.startsWith('chromium-'))
    .sort()
    .reverse()) {
    for (const sub of ['chrome-linux64/chrome', 'chrome-linux/chrome']) {
      const path = join(cache, dir, sub);
      if (existsSync(path)) return path;
    }
  }
  return null;
}

export function findChromium() {
  if (process.env.CHROMIUM_PATH)
    return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(path)) return path;
  }
  return onPath('chromium') || onPath('google-chrome') || playwrightChromium();
}

/** Tries Playwright's own download (works only where the internet allows it). */
export function fetchChromium() {
  const cli = join(process.cwd(), 'node_modules', 'playwright-core', 'cli.js');
  if (!existsSync(cli)) return null;
  console.log("> No Chromium found; trying Playwright's download...");
  spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit', timeout: 90_000 });
  return playwrightChromium();
}

/** firefox-esr for the cross-browser tests: $FIREFOX_PATH, else Debian's firefox-esr. */
export function findFirefox() {
  if (process.env.FIREFOX_PATH)
    return existsSync(process.env.FIREFOX_PATH) ? process.env.FIREFOX_PATH : null;
  if (existsSync('/usr/bin/firefox-esr')) return '/usr/bin/firefox-esr';
  return onPath('firefox-esr');
}

export function findProgram(name) {
  for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return onPath(name);
}
