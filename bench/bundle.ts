// Bundle benchmark: the first-load JavaScript of the room page, gzipped, from
// the production build. First load = the app's root chunks (framework, runtime)
// plus the entry chunks of the root layout and of app/[roomId]/page, as the
// build's own manifests list them; polyfills (nomodule, legacy browsers only)
// and chunks loaded later with import() are not counted.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildIfNeeded } from '../scripts/build-if-needed.mjs';
import { ROOT, writeResult } from './lib/results';
import { fmt } from './lib/stats';
import { markdownTable } from './lib/table';

/** The target of issue #8. */
export const BUNDLE_BUDGET_KB = 200;

interface ClientManifest {
  entryJSFiles?: Record<string, string[]>;
}

export function distDir(): string {
  return join(ROOT, process.env.NEXT_DIST_DIR || '.next');
}

function entryFiles(dist: string, route: string): Record<string, string[]> {
  const file = join(dist, 'server', 'app', route, 'page_client-reference-manifest.js');
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[route].
  const scope = globalThis as typeof globalThis & {
    __RSC_MANIFEST?: Record<string, ClientManifest>;
  };
  const saved = scope.__RSC_MANIFEST;
  scope.__RSC_MANIFEST = {};
  try {
    createRequire(import.meta.url)(file);
    const manifests = Object.values(scope.__RSC_MANIFEST ?? {});
    return manifests[0]?.entryJSFiles ?? {};
  } finally {
    scope.__RSC_MANIFEST = saved;
  }
}

export interface BundleResult {
  route: string;
  files: { file: string; bytes: number; gzip: number }[];
  totalBytes: number;
  totalGzip: number;
}

export function measureBundle(dist = distDir()): BundleResult {
  const build = JSON.parse(readFileSync(join(dist, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
  };
  const entries = entryFiles(dist, '[roomId]');
  const pageKey = Object.keys(entries).find((k) => k.endsWith('app/[roomId]/page'));
  const layoutKey = Object.keys(entries).find((k) => k.endsWith('app/layout'));
  if (!pageKey) throw new Error('the build has no entry chunks for app/[roomId]/page');
  const names = new Set([
    ...build.rootMainFiles,
    ...(layoutKey ? entries[layoutKey] : []),
    ...entries[pageKey],
  ]);
  const files = [...names]
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const body = readFileSync(join(dist, file));
      return { file, bytes: body.length, gzip: gzipSync(body).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  return {
    route: '/[roomId]',
    files,
    totalBytes: files.reduce((n, f) => n + f.bytes, 0),
    totalGzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}

export function runBundle(): string {
  buildIfNeeded(ROOT);
  const result = measureBundle();
  const kb = (n: number) => fmt(n / 1024);
  const table = markdownTable(
    ['chunk', 'raw KB', 'gzip KB'],
    [
      ...result.files.map((f) => [f.file.replace('static/chunks/', ''), kb(f.bytes), kb(f.gzip)]),
      ['**total first load**', kb(result.totalBytes), kb(result.totalGzip)],
    ],
  );
  const verdict =
    result.totalGzip / 1024 <= BUNDLE_BUDGET_KB
      ? `within the ${BUNDLE_BUDGET_KB} KB budget`
      : `OVER the ${BUNDLE_BUDGET_KB} KB budget`;
  const path = writeResult('bundle', { ...result, budgetKB: BUNDLE_BUDGET_KB });
  return `### Bundle: room page first-load JS (gzip ${kb(result.totalGzip)} KB, ${verdict})\n\n${table}\n\n(JSON: ${path})`;
}
