import type { Results, SelfieSegmentation } from '@mediapipe/selfie_segmentation';
import { EFFECT_ASSETS } from './processedTrack';

/**
 * MediaPipe's selfie segmentation (@mediapipe/selfie_segmentation), served by
 * Parley from /effects: its loader is a classic script that defines
 * window.SelfieSegmentation and fetches its wasm and model next to itself.
 * One instance per page, made on first use; frames go through it one at a time.
 */
export interface Segmenter {
  /** The person mask for one frame (drawImage-able), or throws. */
  segment(image: HTMLVideoElement | HTMLCanvasElement): Promise<Results>;
}

type SegmentationConstructor = typeof SelfieSegmentation;

let loading: Promise<Segmenter> | null = null;

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(script);
  });
}

async function create(): Promise<Segmenter> {
  const global: { SelfieSegmentation?: SegmentationConstructor } = window as Window & {
    SelfieSegmentation?: SegmentationConstructor;
  };
  if (!global.SelfieSegmentation) await loadScript(`${EFFECT_ASSETS}/selfie_segmentation.js`);
  const Constructor = global.SelfieSegmentation;
  if (!Constructor) throw new Error('selfie segmentation did not load');
  const model = new Constructor({ locateFile: (file) => `${EFFECT_ASSETS}/${file}` });
  // The landscape model (144x256) is the lighter of the two.
  model.setOptions({ modelSelection: 1, selfieMode: false });
  let pending: { resolve: (r: Results) => void } | null = null;
  model.onResults((results) => {
    pending?.resolve(results);
    pending = null;
  });
  await model.initialize();
  let queue: Promise<unknown> = Promise.resolve();
  return {
    segment(image) {
      const next = queue.then(
        () =>
          new Promise<Results>((resolve, reject) => {
            // A broken graph answers send() without results: do not wait forever.
            const timer = setTimeout(() => reject(new Error('segmentation gave no result')), 2000);
            pending = {
              resolve: (results) => {
                clearTimeout(timer);
                resolve(results);
              },
            };
            model.send({ image }).catch((err: unknown) => {
              clearTimeout(timer);
              reject(err);
            });
          }),
      );
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

export function loadSegmenter(): Promise<Segmenter> {
  loading ??= create().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}
