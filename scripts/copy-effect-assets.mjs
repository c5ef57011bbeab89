// Copies the media effects' worklets, wasm and models from node_modules into
// public/effects, so Parley serves them itself (no CDN; the CSP stays 'self').
// Idempotent: a file already there with the same size and mtime is left alone,
// so the build's staleness check does not see a change.
import { copyFileSync, existsSync, mkdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS = [
  ['@sapphi-red/web-noise-suppressor/dist/rnnoise/workletProcessor.js', 'rnnoise-worklet.js'],
  ['@sapphi-red/web-noise-suppressor/dist/rnnoise.wasm', 'rnnoise.wasm'],
  ['@sapphi-red/web-noise-suppressor/dist/rnnoise_simd.wasm', 'rnnoise_simd.wasm'],
  ['@mediapipe/selfie_segmentation/selfie_segmentation.js', 'selfie_segmentation.js'],
  ['@mediapipe/selfie_segmentation/selfie_segmentation.binarypb', 'selfie_segmentation.binarypb'],
  ['@mediapipe/selfie_segmentation/selfie_segmentation.tflite', 'selfie_segmentation.tflite'],
  [
    '@mediapipe/selfie_segmentation/selfie_segmentation_landscape.tflite',
    'selfie_segmentation_landscape.tflite',
  ],
  [
    '@mediapipe/selfie_segmentation/selfie_segmentation_solution_simd_wasm_bin.js',
    'selfie_segmentation_solution_simd_wasm_bin.js',
  ],
  [
    '@mediapipe/selfie_segmentation/selfie_segmentation_solution_simd_wasm_bin.wasm',
    'selfie_segmentation_solution_simd_wasm_bin.wasm',
  ],
  [
    '@mediapipe/selfie_segmentation/selfie_segmentation_solution_simd_wasm_bin.data',
    'selfie_segmentation_solution_simd_wasm_bin.data',
  ],
  [
    '@mediapipe/selfie_segmentation/selfie_segmentation_solution_wasm_bin.js',
    'selfie_segmentation_solution_wasm_bin.js',
  ],
  [
    '@mediapipe/selfie_segmentation/selfie_segmentation_solution_wasm_bin.wasm',
    'selfie_segmentation_solution_wasm_bin.wasm',
  ],
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
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  copyEffectAssets(join(dirname(fileURLToPath(import.meta.url)), '..'));
}
