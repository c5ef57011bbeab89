import { EFFECT_ASSETS } from './processedTrack';
import type { FromSegmentationWorker, ToSegmentationWorker } from './segmentationMessages';

/** The model's input size (selfie segmentation, landscape: 256x144). */
export const MODEL_WIDTH = 256;
export const MODEL_HEIGHT = 144;

/** How long the worker may take to load the wasm and the model. */
const START_TIMEOUT_MS = 30_000;
/** One mask should take tens of ms; this long means the worker is stuck. */
const SEGMENT_TIMEOUT_MS = 5_000;

export interface MaskResult {
  /** The person mask: white, alpha = person, MODEL_WIDTH x MODEL_HEIGHT. */
  image: ImageData;
  /** Time the model took in the worker, ms. */
  modelMs: number;
}

/**
 * The person segmentation, run in a Worker (segmentationWorker.ts, served by
 * Parley as /effects/segmentation-worker.js with MediaPipe Tasks' wasm and the
 * selfie segmentation model). One per page, started on first use.
 */
export interface Segmenter {
  /** The person mask for one frame (at the model's size; the bitmap is handed over). */
  segment(frame: ImageBitmap): Promise<MaskResult>;
}

let loading: Promise<Segmenter> | null = null;

function start(): Promise<Segmenter> {
  const worker = new Worker(`${EFFECT_ASSETS}/segmentation-worker.js`, {
    name: 'parley-segmentation',
  });
  const waiting = new Map<
    number,
    { resolve: (mask: MaskResult) => void; reject: (err: Error) => void; timer: number }
  >();
  let nextId = 1;
  let lastTimestamp = 0;
  let dead: Error | null = null;
  const send = (message: ToSegmentationWorker, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer);

  const broken = (err: Error) => {
    dead ??= err;
    for (const { reject, timer } of waiting.values()) {
      clearTimeout(timer);
      reject(err);
    }
    waiting.clear();
    worker.terminate();
    // A later start makes a new worker.
    loading = null;
  };

  const segmenter: Segmenter = {
    segment(frame) {
      if (dead) {
        frame.close();
        return Promise.reject(dead);
      }
      const id = nextId++;
      // MediaPipe's video mode wants strictly increasing timestamps.
      const timestamp = Math.max(performance.now(), lastTimestamp + 1);
      lastTimestamp = timestamp;
      return new Promise<MaskResult>((resolve, reject) => {
        const timer = window.setTimeout(
          () => broken(new Error('segmentation gave no mask')),
          SEGMENT_TIMEOUT_MS,
        );
        waiting.set(id, { resolve, reject, timer });
        send({ type: 'segment', id, frame, timestamp }, [frame]);
      });
    },
  };

  return new Promise<Segmenter>((resolve, reject) => {
    const timer = window.setTimeout(() => {
      reject(new Error('the segmentation worker did not start'));
      broken(new Error('the segmentation worker did not start'));
    }, START_TIMEOUT_MS);
    worker.addEventListener('error', (event) => {
      const err = new Error(`segmentation worker: ${event.message || 'failed to load'}`);
      clearTimeout(timer);
      reject(err);
      broken(err);
    });
    worker.addEventListener('message', (event: MessageEvent<FromSegmentationWorker>) => {
      const message = event.data;
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(segmenter);
        return;
      }
      if (message.type === 'failed') {
        clearTimeout(timer);
        const err = new Error(`segmentation worker: ${message.message}`);
        reject(err);
        broken(err);
        return;
      }
      const pending = waiting.get(message.id);
      if (!pending) return;
      waiting.delete(message.id);
      clearTimeout(pending.timer);
      if (message.type === 'error') pending.reject(new Error(message.message));
      else
        pending.resolve({
          image: new ImageData(
            new Uint8ClampedArray(message.pixels),
            message.width,
            message.height,
          ),
          modelMs: message.modelMs,
        });
    });
    send({
      type: 'init',
      wasmLoaderPath: `${EFFECT_ASSETS}/vision_wasm_internal.js`,
      wasmBinaryPath: `${EFFECT_ASSETS}/vision_wasm_internal.wasm`,
      modelPath: `${EFFECT_ASSETS}/selfie_segmentation_landscape_meta.tflite`,
    });
  });
}

export function loadSegmenter(): Promise<Segmenter> {
  loading ??= start().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}
