// `npm test`: every test. Unit and server tests first, then the browser tests
// against a production build. Ends with one line "N passed, N failed".
// Extra arguments (file filters, -t) go to both vitest runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import { fetchChromium, findChromium, findFirefox, findProgram } from './find-tools.mjs';

/** Services the tests start themselves: [program, Debian package]. */
const REQUIRED_PROGRAMS = [
  ['turnserver', 'coturn'],
  ['redis-server', 'redis-server'],
  ['janus', 'janus'],
  // Reads the recording test's WebM.
  ['ffprobe', 'ffmpeg'],
];

const root = process.cwd();
const extra = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };
const outDir = mkdtempSync(join(tmpdir(), 'parley-test-'));

function finish(ok) {
  rmSync(outDir, { recursive: true, force: true });
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(ok && totals.failed === 0 ? 0 : 1);
}

function stop(line) {
  console.error(line);
  totals.failed += 1;
  finish(false);
}

function runVitest(label, args) {
  const output = join(outDir, `${label}.json`);
  const filters = extra.length ? ['--passWithNoTests', ...extra] : [];
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${output}`,
      ...filters,
    ],
    { cwd: root, stdio: 'inherit', env: process.env },
  );
  let report;
  try {
    report = JSON.parse(readFileSync(output, 'utf8'));
  } catch {
    stop(`vitest (${label}) exited with ${result.status} and wrote no report.`);
  }
  totals.passed += report.numPassedTests;
  // A file that fails to load has no test results, but it failed.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
  totals.failed += report.numFailedTests + brokenFiles;
  return result.status === 0;
}

// Server tests start these too, so look for them before any test runs.
for (const [program, pkg] of REQUIRED_PROGRAMS) {
  const path = findProgram(program);
  if (!path) {
    stop(
      `${program} not found: install it (Debian: apt-get install -y ${pkg}); the tests start their own.`,
    );
  }
  if (program === 'janus') process.env.JANUS_PATH ||= path;
}

const unitOk = runVitest('unit', ['--project', 'unit', '--project', 'server']);

const chromium = findChromium() || (process.env.CI ? null : fetchChromium());
if (!chromium) {
  stop(
    'Chromium not found: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chrome/Chromium binary.',
  );
}
process.env.CHROMIUM_PATH = chromium;
const firefox = findFirefox();
if (!firefox) {
  stop(
    'Firefox not found: install it (Debian: apt-get install -y firefox-esr) or set FIREFOX_PATH to a firefox-esr binary.',
  );
}
process.env.FIREFOX_PATH = firefox;
try {
  buildIfNeeded(root);
} catch (err) {
  stop(err instanceof Error ? err.message : String(err));
}
const e2eOk = runVitest('e2e', ['--project', 'e2e']);
finish(unitOk && e2eOk);
