import type { ProcessedTrack, TrackEffect } from './processedTrack';
import { FrameBudget } from './frameBudget';
import { loadSegmenter, MODEL_HEIGHT, MODEL_WIDTH, type Segmenter } from './segmenter';

/** How strong the blur is, in camera pixels. */
const BLUR_PX = 14;
/** The background is blurred on a copy this many times smaller, then scaled up: ~16x less work. */
const SHRINK = 4;
/** The mask's edge is softened by this much (in mask pixels) before it is scaled up. */
const FEATHER_PX = 1;
/** At most this often a frame goes to the model (~10 masks/s): the mask in between is reused. */
const MASK_INTERVAL_MS = 90;
/** A person mask older than this is too stale to follow someone moving. */
const MAX_MASK_AGE_MS = 1000;

export const TOO_SLOW = 'Background blur is off: this device is too slow for it.';

/** The blur pipelines' costs on this page, for tests and benchmarks. */
export const blurStats = {
  /** Frames composited and sent. */
  frames: 0,
  /** Average time to composite one frame (blurred background + masked person), ms. */
  frameMs: 0,
  /** Camera frames that went by without being composited (the page was too busy). */
  skippedFrames: 0,
  /** Masks made by the segmentation model. */
  masks: 0,
  /** Average time the model took for one mask (in its worker), ms. */
  maskMs: 0,
  /** Average time from taking a frame for the model to having its mask on the page, ms. */
  maskRoundTripMs: 0,
};

/** What `window.__parleyBlurStats` holds. */
export type BlurStats = typeof blurStats;

type BlurHooks = Window & {
  __parleyBlurStats?: BlurStats;
  /** Benchmarks: measure the pipeline's cost even where it would give up. */
  __parleyBlurKeepRunning?: boolean;
  /** Tests: the time a composited frame may take, ms (a tiny one forces "too slow"). */
  __parleyBlurBudgetMs?: number;
};
const hooks = (): BlurHooks => window;
if (typeof window !== 'undefined') hooks().__parleyBlurStats = blurStats;

const average = (previous: number, count: number, value: number) =>
  previous + (value - previous) / Math.min(count, 30);

/**
 * Background blur. Every camera frame is composited as it arrives
 * (requestVideoFrameCallback): the frame blurred (on a small copy, scaled
 * back up), and the person, cut out by the latest mask, sharp on top; the
 * canvas's captureStream() is the track sent, so it goes out at the camera's
 * rate. The segmentation model runs in a Worker on a 256x144 copy, one frame
 * at a time, at most ~10 a second; the frames in between reuse the last mask.
 * Until the first mask the whole frame is blurred. When compositing overruns
 * the camera's frame interval or skips camera frames, or masks stop coming,
 * for a few seconds, it gives up (fail) rather than send a slide show or a
 * blur that lags the person.
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
  const background = makeCanvas(Math.ceil(width / SHRINK), Math.ceil(height / SHRINK));
  const person = makeCanvas(width, height);
  const mask = makeCanvas(MODEL_WIDTH, MODEL_HEIGHT);
  const feathered = makeCanvas(MODEL_WIDTH, MODEL_HEIGHT);
  const ctx = context(canvas);
  const bctx = context(background);
  const pctx = context(person);
  const mctx = context(mask);
  const fctx = context(feathered);
  const track = canvas.captureStream().getVideoTracks()[0];
  const budget = new FrameBudget(
    settings.frameRate ?? 24,
    10,
    undefined,
    hooks().__parleyBlurBudgetMs,
  );
  // The blur fades to transparent at the small copy's border: leave that out.
  const radius = BLUR_PX / SHRINK;
  const crop = Math.ceil(radius * 2);
  let stopped = false;
  let handle = 0;
  let haveMask = false;
  let maskPending = false;
  let maskRequestedAt = -Infinity;
  let maskAt = performance.now();
  let slowSince: number | null = null;
  let failures = 0;
  let lastPresented: number | null = null;

  const giveUp = (message: string) => {
    if (stopped) return;
    if (message === TOO_SLOW && hooks().__parleyBlurKeepRunning) return;
    stopped = true;
    fail(message);
  };

  const requestMask = (model: Segmenter, now: number) => {
    if (maskPending || now - maskRequestedAt < MASK_INTERVAL_MS) return;
    maskPending = true;
    maskRequestedAt = now;
    createImageBitmap(video, {
      resizeWidth: MODEL_WIDTH,
      resizeHeight: MODEL_HEIGHT,
      resizeQuality: 'low',
    })
      .then((frame) => model.segment(frame))
      .then(({ image, modelMs }) => {
        if (stopped) return;
        mctx.putImageData(image, 0, 0);
        fctx.globalCompositeOperation = 'copy';
        fctx.filter = `blur(${FEATHER_PX}px)`;
        fctx.drawImage(mask, 0, 0);
        fctx.filter = 'none';
        haveMask = true;
        failures = 0;
        maskAt = performance.now();
        blurStats.masks++;
        blurStats.maskMs = average(blurStats.maskMs, blurStats.masks, modelMs);
        blurStats.maskRoundTripMs = average(
          blurStats.maskRoundTripMs,
          blurStats.masks,
          maskAt - now,
        );
      })
      .catch((err: unknown) => {
        if (stopped) return;
        console.warn('[parley] segmentation failed', err);
        if (++failures >= 5) giveUp('Background blur could not start here, so it is off.');
      })
      .finally(() => {
        maskPending = false;
      });
  };

  const frame = (_now?: number, metadata?: VideoFrameCallbackMetadata) => {
    if (stopped) return;
    const started = performance.now();
    bctx.globalCompositeOperation = 'copy';
    bctx.filter = `blur(${radius}px)`;
    bctx.drawImage(video, 0, 0, background.width, background.height);
    bctx.filter = 'none';
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(
      background,
      crop,
      crop,
      background.width - 2 * crop,
      background.height - 2 * crop,
      0,
      0,
      width,
      height,
    );
    if (haveMask) {
      pctx.globalCompositeOperation = 'copy';
      pctx.drawImage(feathered, 0, 0, width, height);
      pctx.globalCompositeOperation = 'source-in';
      pctx.drawImage(video, 0, 0, width, height);
      ctx.globalCompositeOperation = 'source-over';
      ctx.drawImage(person, 0, 0);
    }
    const now = performance.now();
    const spent = now - started;
    const presented = metadata?.presentedFrames ?? null;
    const skipped =
      presented !== null && lastPresented !== null ? Math.max(0, presented - lastPresented - 1) : 0;
    lastPresented = presented;
    blurStats.frames++;
    blurStats.skippedFrames += skipped;
    blurStats.frameMs = average(blurStats.frameMs, blurStats.frames, spent);
    const stale = now - maskAt > MAX_MASK_AGE_MS;
    slowSince = stale ? (slowSince ?? now) : null;
    if (budget.add(spent, skipped) || (slowSince !== null && now - slowSince > 3000))
      giveUp(TOO_SLOW);
    requestMask(segmenter, now);
    schedule();
  };
  const schedule = () => {
    if (stopped) return;
    if ('requestVideoFrameCallback' in video) handle = video.requestVideoFrameCallback(frame);
    else handle = window.setTimeout(frame, 1000 / 30);
  };
  schedule();

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
