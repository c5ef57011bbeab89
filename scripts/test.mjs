// `npm test`: every test. Unit and server tests first, then the browser tests
// against a production build. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfNeeded } from './build-if-needed.mjs';
import { fetchChromium, findChromium, findProgram } from './find-tools.mjs';

/** Services the tests start themselves: [program, Debian package]. */
const REQUIRED_PROGRAMS = [];

const root = process.cwd();
const extra = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };
const outDir = mkdtempSync(join(tmpdir(), 'parley-test-'));

function stop(line) {
  console.error(line);
  console.log(`${totals.passed} passed, ${Math.max(totals.failed, 1)} failed`);
  process.exit(1);
}

function runVitest(label, args) {
  const output = join(outDir, `${label}.json`);
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${output}`,
      ...extra,
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
  totals.failed +=
    report.numFailedTests + (report.numTotalTestSuites > 0 && report.numTotalTests === 0 ? 1 : 0);
  // A file that fails to load has no tests but fails its suite.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  totals.failed += brokenFiles.length;
  return result.status === 0;
}

const unitOk = runVitest('unit', ['--project', 'unit', '--project', 'server']);

const chromium = findChromium() || fetchChromium();
if (!chromium) {
  stop(
    'Chromium not found: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chrome/Chromium binary.',
  );
}
process.env.CHROMIUM_PATH = chromium;
for (const [program, pkg] of REQUIRED_PROGRAMS) {
  if (!findProgram(program)) {
    stop(
      `${program} not found: install it (Debian: apt-get install -y ${pkg}); the tests start their own.`,
    );
  }
}
buildIfNeeded(root);
const e2eOk = runVitest('e2e', ['--project', 'e2e']);

rmSync(outDir, { recursive: true, force: true });
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(unitOk && e2eOk && totals.failed === 0 ? 0 : 1);
