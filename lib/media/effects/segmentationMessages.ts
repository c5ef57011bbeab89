/** What the page and the segmentation worker (segmentationWorker.ts) say to each other. */

export type ToSegmentationWorker =
  | {
      type: 'init';
      /** The MediaPipe Tasks wasm loader script and binary, and the model, all same-origin. */
      wasmLoaderPath: string;
      wasmBinaryPath: string;
      modelPath: string;
    }
  | {
      type: 'segment';
      id: number;
      /** The camera frame at the model's size; the worker closes it. */
      frame: ImageBitmap;
      /** Increasing (performance.now()), as MediaPipe's video mode needs. */
      timestamp: number;
    };

export type FromSegmentationWorker =
  | { type: 'ready' }
  | {
      type: 'mask';
      id: number;
      width: number;
      height: number;
      /** RGBA pixels, alpha = person (PersonMask). */
      pixels: ArrayBuffer;
      /** Time the model took, ms. */
      modelMs: number;
    }
  /** One frame could not be segmented. */
  | { type: 'error'; id: number; message: string }
  /** The model could not be loaded: the worker is of no use. */
  | { type: 'failed'; message: string };
