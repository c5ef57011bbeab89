// Copies the media effects' worklets, wasm and models from node_modules into
// public/effects, so Parley serves them itself (no CDN; the CSP stays 'self'),
// and makes the two files that are not in a package as such: the segmentation
// worker (lib/media/effects/segmentationWorker.ts bundled with MediaPipe
// Tasks by esbuild) and the selfie segmentation model with the TFLite metadata
// MediaPipe Tasks needs (tflite-metadata.mjs).
// Idempotent: a file already there with the same size and mtime (copies) or
// the same bytes (made files) is left alone, so the build's staleness check
// does not see a change.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { buildSync } from 'esbuild';
import { imageModelMetadata, withMetadata } from './tflite-metadata.mjs';

const ASSETS = [
  ['@sapphi-red/web-noise-suppressor/dist/rnnoise/workletProcessor.js', 'rnnoise-worklet.js'],
  ['@sapphi-red/web-noise-suppressor/dist/rnnoise.wasm', 'rnnoise.wasm'],
  ['@sapphi-red/web-noise-suppressor/dist/rnnoise_simd.wasm', 'rnnoise_simd.wasm'],
  // Background blur: MediaPipe Tasks' wasm (the SIMD build; its loader is a
  // classic script the segmentation worker loads with importScripts).
  ['@mediapipe/tasks-vision/wasm/vision_wasm_internal.js', 'vision_wasm_internal.js'],
  ['@mediapipe/tasks-vision/wasm/vision_wasm_internal.wasm', 'vision_wasm_internal.wasm'],
];

export function copyEffectAssets(root = process.cwd()) {
  const out = join(root, 'public', 'effects');
  mkdirSync(out, { recursive: true });
  for (const [from, to] of ASSETS) {
    const source = join(root, 'node_modules', from);
    const target = join(out, to);
    const src = statSync(source);
    if (existsSync(target)) {
      const dst = statSync(target);
      if (dst.size === src.size && Math.abs(dst.mtimeMs - src.mtimeMs) < 1) continue;
    }
    copyFileSync(source, target);
    utimesSync(target, src.atime, src.mtime);
  }
  writeIfChanged(join(out, 'selfie_segmentation_landscape_meta.tflite'), segmentationModel(root));
  writeIfChanged(join(out, 'segmentation-worker.js'), segmentationWorker(root));
}

function writeIfChanged(target, bytes) {
  if (existsSync(target) && Buffer.compare(readFileSync(target), bytes) === 0) return;
  writeFileSync(target, bytes);
}

/** The landscape selfie segmentation model (256x144, RGB in 0..1) with metadata saying so. */
function segmentationModel(root) {
  const model = readFileSync(
    join(root, 'node_modules/@mediapipe/selfie_segmentation/selfie_segmentation_landscape.tflite'),
  );
  const metadata = imageModelMetadata({
    name: 'selfie_segmentation_landscape',
    mean: [0],
    std: [255],
  });
  return Buffer.from(withMetadata(new Uint8Array(model), metadata));
}

/** The segmentation worker as one classic script. */
function segmentationWorker(root) {
  const result = buildSync({
    entryPoints: [join(root, 'lib/media/effects/segmentationWorker.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  copyEffectAssets(join(dirname(fileURLToPath(import.meta.url)), '..'));
}
