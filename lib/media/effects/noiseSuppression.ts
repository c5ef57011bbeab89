import { EFFECT_ASSETS, type ProcessedTrack, type TrackEffect } from './processedTrack';

/** RNNoise works on 48 kHz frames. */
const SAMPLE_RATE = 48_000;

let wasm: Promise<ArrayBuffer> | null = null;

/**
 * RNNoise (@sapphi-red/web-noise-suppressor) in an AudioWorklet between the
 * microphone and what is sent. The package's code is loaded on first use; its
 * worklet and wasm are served by Parley from /effects.
 */
export const noiseSuppression: TrackEffect = async (input) => {
  const { RnnoiseWorkletNode, loadRnnoise } = await import('@sapphi-red/web-noise-suppressor');
  wasm ??= loadRnnoise({
    url: `${EFFECT_ASSETS}/rnnoise.wasm`,
    simdUrl: `${EFFECT_ASSETS}/rnnoise_simd.wasm`,
  }).catch((err: unknown) => {
    wasm = null;
    throw err;
  });
  const wasmBinary = await wasm;
  const context = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
  try {
    await context.audioWorklet.addModule(`${EFFECT_ASSETS}/rnnoise-worklet.js`);
    const source = context.createMediaStreamSource(new MediaStream([input]));
    const node = new RnnoiseWorkletNode(context, { maxChannels: 1, wasmBinary });
    const destination = context.createMediaStreamDestination();
    destination.channelCount = 1;
    source.connect(node).connect(destination);
    // Created before a click, the context waits for one (autoplay policy).
    resumeOnGesture(context);
    const track = destination.stream.getAudioTracks()[0];
    const processed: ProcessedTrack = {
      track,
      stop() {
        source.disconnect();
        node.disconnect();
        node.destroy();
        track.stop();
        void context.close().catch(() => undefined);
      },
    };
    return processed;
  } catch (err) {
    void context.close().catch(() => undefined);
    throw err;
  }
};

/** Resumes a suspended AudioContext now if allowed, else at the next click or key press. */
export function resumeOnGesture(context: AudioContext): void {
  if (context.state !== 'suspended') return;
  void context.resume().catch(() => undefined);
  const resume = () => {
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    window.removeEventListener('pointerdown', resume, true);
    window.removeEventListener('keydown', resume, true);
  };
  window.addEventListener('pointerdown', resume, true);
  window.addEventListener('keydown', resume, true);
}
