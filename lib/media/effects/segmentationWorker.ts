// The person segmentation, in a dedicated Worker so the model never blocks the
// page that composites and sends the camera. MediaPipe Tasks' ImageSegmenter
// on the CPU (XNNPACK in wasm): on a GPU-less machine WebGL is a software
// rasterizer, far slower than this. Bundled on its own into
// /effects/segmentation-worker.js by scripts/copy-effect-assets.mjs (a
// classic worker: the wasm loader is a classic script, loaded by importScripts).
import { ImageSegmenter } from '@mediapipe/tasks-vision';
import { PersonMask } from './personMask';
import type { FromSegmentationWorker, ToSegmentationWorker } from './segmentationMessages';

let segmenter: ImageSegmenter | null = null;
const mask = new PersonMask();

function post(message: FromSegmentationWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function init(message: Extract<ToSegmentationWorker, { type: 'init' }>): Promise<void> {
  try {
    segmenter = await ImageSegmenter.createFromOptions(
      { wasmLoaderPath: message.wasmLoaderPath, wasmBinaryPath: message.wasmBinaryPath },
      {
        baseOptions: { modelAssetPath: message.modelPath, delegate: 'CPU' },
        runningMode: 'VIDEO',
        outputConfidenceMasks: true,
        outputCategoryMask: false,
      },
    );
    post({ type: 'ready' });
  } catch (err) {
    post({ type: 'failed', message: describe(err) });
  }
}

function segment(message: Extract<ToSegmentationWorker, { type: 'segment' }>): void {
  const { id, frame, timestamp } = message;
  try {
    if (!segmenter) throw new Error('the segmenter is not ready');
    const started = performance.now();
    const out: {
      mask?: { width: number; height: number; pixels: Uint8ClampedArray<ArrayBuffer> };
    } = {};
    segmenter.segmentForVideo(frame, timestamp, ({ confidenceMasks }) => {
      // The masks live only inside this callback.
      const confidence = confidenceMasks?.[0];
      if (!confidence) return;
      const pixels = mask.update(confidence.getAsFloat32Array());
      out.mask = { width: confidence.width, height: confidence.height, pixels };
    });
    if (!out.mask) throw new Error('the model gave no mask');
    const { width, height, pixels } = out.mask;
    post(
      {
        type: 'mask',
        id,
        width,
        height,
        pixels: pixels.buffer,
        modelMs: performance.now() - started,
      },
      [pixels.buffer],
    );
  } catch (err) {
    post({ type: 'error', id, message: describe(err) });
  } finally {
    frame.close();
  }
}

self.addEventListener('message', (event: MessageEvent<ToSegmentationWorker>) => {
  const message = event.data;
  if (message.type === 'init') void init(message);
  else segment(message);
});
