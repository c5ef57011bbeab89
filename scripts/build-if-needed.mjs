// Builds what `npm start` serves, when it is missing or older than its sources:
// the Next.js app (next build) and the server bundled into one file (esbuild),
// so production runs plain `node` with no TypeScript loader (~60 MiB less RSS).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { copyEffectAssets } from './copy-effect-assets.mjs';

const APP_SOURCES = [
  'app',
  'components',
  'hooks',
  'lib',
  'public',
  'next.config.js',
  'postcss.config.mjs',
  'package.json',
  'tsconfig.json',
];
const SERVER_SOURCES = ['server', 'lib', 'package.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function distDir(root) {
  return join(root, process.env.NEXT_DIST_DIR || '.next');
}

/** The bundled server that `npm start` runs (inside the build directory). */
export function serverBundle(root = process.cwd()) {
  return join(distDir(root), 'parley-server.mjs');
}

function stale(root, output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((source) => newestMtime(join(root, source)) > built);
}

export function buildIsStale(root = process.cwd()) {
  return (
    stale(root, join(distDir(root), 'BUILD_ID'), APP_SOURCES) ||
    stale(root, serverBundle(root), SERVER_SOURCES)
  );
}

function run(root, args) {
  return spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

export function buildIfNeeded(root = process.cwd()) {
  copyEffectAssets(root);
  if (stale(root, join(distDir(root), 'BUILD_ID'), APP_SOURCES)) {
    console.log('> Building Parley (first start or sources changed)...');
    const next = run(root, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build']);
    if (next.status !== 0) throw new Error('next build failed; see the output above.');
  }
  if (stale(root, serverBundle(root), SERVER_SOURCES)) {
    const result = buildSync({
      entryPoints: [join(root, 'server', 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
      outfile: serverBundle(root),
    });
    if (result.errors.length > 0)
      throw new Error('bundling the server failed; see the output above.');
  }
}
