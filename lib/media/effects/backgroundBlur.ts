import type { ProcessedTrack, TrackEffect } from './processedTrack';
import { FrameBudget } from './frameBudget';
import { loadSegmenter, type Segmenter } from './segmenter';

const BLUR_PX = 14;
/** The segmentation model's input: small (it works on 256x144 anyway), so uploads are cheap. */
const MASK_WIDTH = 256;
/** A person mask older than this is too stale to follow someone moving. */
const MAX_MASK_AGE_MS = 1000;

export const TOO_SLOW = 'Background blur is off: this device is too slow for it.';

/** The blur pipelines' costs on this page, for tests and benchmarks. */
export const blurStats = {
  /** Frames composited and sent. */
  frames: 0,
  /** Average time to composite one frame (blurred background + masked person), ms. */
  frameMs: 0,
  /** Masks made by the segmentation model. */
  masks: 0,
  /** Average time the model took for one mask, ms. */
  maskMs: 0,
};
if (typeof window !== 'undefined')
  (window as Window & { __parleyBlurStats?: typeof blurStats }).__parleyBlurStats = blurStats;

const average = (previous: number, count: number, value: number) =>
  previous + (value - previous) / Math.min(count, 30);

/**
 * Background blur. Every camera frame is composited as it arrives
 * (requestVideoFrameCallback): the frame blurred, and the person, cut out by
 * the latest segmentation mask, sharp on top; the canvas's captureStream() is
 * the track sent, so the frame rate is the camera's. The segmentation model
 * runs beside that, one mask at a time, on a small copy of the frame. When
 * compositing overruns the camera's frame interval, or masks come slower than
 * one a second, for a few seconds, it gives up (fail) rather than send a
 * slide show or a blur that lags the person.
 */
export const backgroundBlur: TrackEffect = async (input, fail) => {
  const segmenter = await loadSegmenter();
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([input]);
  await video.play();
  const settings = input.getSettings();
  const width = video.videoWidth || settings.width || 640;
  const height = video.videoHeight || settings.height || 480;
  const canvas = makeCanvas(width, height);
  const person = makeCanvas(width, height);
  const small = makeCanvas(MASK_WIDTH, Math.round((MASK_WIDTH * height) / width));
  const mask = makeCanvas(small.width, small.height);
  const ctx = context(canvas);
  const pctx = context(person);
  const sctx = context(small);
  const mctx = context(mask);
  const track = canvas.captureStream().getVideoTracks()[0];
  const budget = new FrameBudget(settings.frameRate ?? 24);
  // The model runs on the page's main thread: a mask that takes longer than a
  // camera frame interval makes the sent video stutter.
  const maskBudget = new FrameBudget(settings.frameRate ?? 24, 2, 5);
  let stopped = false;
  let handle = 0;
  let haveMask = false;
  let maskAt = performance.now();
  let slowSince: number | null = null;
  let failures = 0;

  const giveUp = (message: string) => {
    if (stopped) return;
    // Benchmarks measure the pipeline's cost even where it would give up.
    if (
      message === TOO_SLOW &&
      (window as { __parleyBlurKeepRunning?: boolean }).__parleyBlurKeepRunning
    )
      return;
    stopped = true;
    fail(message);
  };

  const maskLoop = async (model: Segmenter) => {
    while (!stopped) {
      const started = performance.now();
      try {
        sctx.drawImage(video, 0, 0, small.width, small.height);
        const { segmentationMask } = await model.segment(small);
        if (stopped) return;
        mctx.globalCompositeOperation = 'copy';
        mctx.drawImage(segmentationMask, 0, 0, mask.width, mask.height);
        haveMask = true;
        failures = 0;
        const now = performance.now();
        maskAt = now;
        blurStats.masks++;
        blurStats.maskMs = average(blurStats.maskMs, blurStats.masks, now - started);
        if (maskBudget.add(now - started)) giveUp(TOO_SLOW);
      } catch (err) {
        console.warn('[parley] segmentation failed', err);
        if (++failures >= 5) {
          giveUp('Background blur could not start here, so it is off.');
          return;
        }
      }
      // Leave the CPU to the call between masks.
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  };

  const frame = () => {
    if (stopped) return;
    const started = performance.now();
    ctx.globalCompositeOperation = 'copy';
    ctx.filter = `blur(${BLUR_PX}px)`;
    ctx.drawImage(video, 0, 0, width, height);
    ctx.filter = 'none';
    if (haveMask) {
      pctx.globalCompositeOperation = 'copy';
      pctx.drawImage(mask, 0, 0, width, height);
      pctx.globalCompositeOperation = 'source-in';
      pctx.drawImage(video, 0, 0, width, height);
      ctx.globalCompositeOperation = 'source-over';
      ctx.drawImage(person, 0, 0);
    }
    const now = performance.now();
    const spent = now - started;
    blurStats.frames++;
    blurStats.frameMs = average(blurStats.frameMs, blurStats.frames, spent);
    const stale = now - maskAt > MAX_MASK_AGE_MS;
    slowSince = stale ? (slowSince ?? now) : null;
    if (budget.add(spent) || (slowSince !== null && now - slowSince > 3000)) giveUp(TOO_SLOW);
    schedule();
  };
  const schedule = () => {
    if (stopped) return;
    if ('requestVideoFrameCallback' in video) handle = video.requestVideoFrameCallback(frame);
    else handle = window.setTimeout(frame, 1000 / 30);
  };
  schedule();
  void maskLoop(segmenter);

  const processed: ProcessedTrack = {
    track,
    stop() {
      stopped = true;
      if ('cancelVideoFrameCallback' in video) video.cancelVideoFrameCallback(handle);
      else clearTimeout(handle);
      video.pause();
      video.srcObject = null;
      track.stop();
    },
  };
  return processed;
};

function makeCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  return ctx;
}
