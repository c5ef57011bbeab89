import { describe, expect, test, vi } from 'vitest';
import { MediaEffects } from '@/lib/media/effects/mediaEffects';
import type { ProcessedTrack, TrackEffect } from '@/lib/media/effects/processedTrack';
import { emptyLocalMedia, type LocalMediaSnapshot } from '@/lib/media/localMedia';

class FakeTrack {
  readyState: 'live' | 'ended' = 'live';
  enabled = true;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly label: string,
  ) {}
  stop() {
    this.readyState = 'ended';
  }
}
const track = (kind: 'audio' | 'video', label: string) =>
  new FakeTrack(kind, label) as unknown as MediaStreamTrack;

/** An effect whose starts the test resolves by hand; records what it made. */
function manualEffect() {
  const started: { input: MediaStreamTrack; resolve: () => void; fail: (m: string) => void }[] = [];
  const made: { input: MediaStreamTrack; output: MediaStreamTrack; stopped: boolean }[] = [];
  const effect: TrackEffect = (input, fail) =>
    new Promise<ProcessedTrack>((resolve) => {
      started.push({
        input,
        fail,
        resolve: () => {
          const record = {
            input,
            output: track(input.kind as 'audio', `fx:${input.label}`),
            stopped: false,
          };
          made.push(record);
          resolve({
            track: record.output,
            stop: () => {
              record.stopped = true;
              record.output.stop();
            },
          });
        },
      });
    });
  return { effect, started, made };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const mic = manualEffect();
  const camera = manualEffect();
  const effects = new MediaEffects({ mic: mic.effect, camera: camera.effect });
  const outputs: LocalMediaSnapshot[] = [];
  effects.on('change', (s) => outputs.push(s));
  const states = vi.fn();
  effects.on('state', states);
  return { effects, mic, camera, outputs, states };
}

const snapshot = (patch: Partial<LocalMediaSnapshot>): LocalMediaSnapshot => ({
  ...emptyLocalMedia,
  ...patch,
});

describe('MediaEffects', () => {
  test('off: the raw tracks pass through untouched', () => {
    const { effects, mic } = setup();
    const raw = track('audio', 'mic');
    effects.input(snapshot({ mic: raw, micOn: true }));
    expect(effects.snapshot.mic).toBe(raw);
    expect(mic.started).toHaveLength(0);
  });

  test('noise suppression: the raw mic is sent until the processed one is ready, then that', async () => {
    const { effects, mic } = setup();
    effects.setEnabled('mic', true);
    const raw = track('audio', 'mic');
    effects.input(snapshot({ mic: raw, micOn: true }));
    expect(effects.snapshot.mic).toBe(raw);
    expect(effects.state.loading).toBe(true);
    mic.started[0].resolve();
    await flush();
    expect(effects.snapshot.mic).toBe(mic.made[0].output);
    expect(effects.state).toMatchObject({ noiseSuppression: true, loading: false });
  });

  test('blur: nothing is sent until the blurred track is ready (the room stays hidden)', async () => {
    const { effects, camera } = setup();
    effects.setEnabled('camera', true);
    effects.input(snapshot({ camera: track('video', 'cam'), cameraOn: true }));
    expect(effects.snapshot.camera).toBeNull();
    expect(effects.snapshot.cameraOn).toBe(true);
    camera.started[0].resolve();
    await flush();
    expect(effects.snapshot.camera).toBe(camera.made[0].output);
  });

  test('camera off stops the pipeline; a new device restarts it on the new track', async () => {
    const { effects, camera } = setup();
    effects.setEnabled('camera', true);
    const first = track('video', 'cam1');
    effects.input(snapshot({ camera: first, cameraOn: true }));
    camera.started[0].resolve();
    await flush();
    effects.input(snapshot({ camera: null, cameraOn: false }));
    expect(camera.made[0].stopped).toBe(true);
    expect(effects.snapshot.camera).toBeNull();

    const second = track('video', 'cam2');
    effects.input(snapshot({ camera: second, cameraOn: true }));
    expect(camera.started[1].input).toBe(second);
    camera.started[1].resolve();
    await flush();
    expect(effects.snapshot.camera).toBe(camera.made[1].output);
  });

  test('a start overtaken by a newer track is dropped and stopped', async () => {
    const { effects, mic } = setup();
    effects.setEnabled('mic', true);
    effects.input(snapshot({ mic: track('audio', 'a'), micOn: true }));
    const b = track('audio', 'b');
    effects.input(snapshot({ mic: b, micOn: true }));
    mic.started[0].resolve();
    mic.started[1].resolve();
    await flush();
    expect(mic.made[0].stopped).toBe(true);
    expect(effects.snapshot.mic).toBe(mic.made[1].output);
  });

  test('mic off sends the raw track, disabled (true silence); on sends the processed one again', async () => {
    const { effects, mic } = setup();
    effects.setEnabled('mic', true);
    const raw = track('audio', 'mic');
    effects.input(snapshot({ mic: raw, micOn: true }));
    mic.started[0].resolve();
    await flush();
    expect(effects.snapshot.mic).toBe(mic.made[0].output);
    raw.enabled = false;
    effects.input(snapshot({ mic: raw, micOn: false }));
    expect(effects.snapshot.mic).toBe(raw);
    expect(effects.snapshot.mic?.enabled).toBe(false);
    expect(mic.made[0].output.enabled).toBe(false);
    // The suppressor keeps running, ready for the mic to come back.
    expect(mic.made[0].stopped).toBe(false);
    expect(mic.started).toHaveLength(1);
    raw.enabled = true;
    effects.input(snapshot({ mic: raw, micOn: true }));
    expect(effects.snapshot.mic).toBe(mic.made[0].output);
    expect(mic.made[0].output.enabled).toBe(true);
  });

  test('turning an effect off goes back to the raw track and stops the processing', async () => {
    const { effects, mic, states } = setup();
    effects.setEnabled('mic', true);
    const raw = track('audio', 'mic');
    effects.input(snapshot({ mic: raw, micOn: true }));
    mic.started[0].resolve();
    await flush();
    effects.setEnabled('mic', false);
    expect(effects.snapshot.mic).toBe(raw);
    expect(mic.made[0].stopped).toBe(true);
    expect(states).toHaveBeenLastCalledWith(expect.objectContaining({ noiseSuppression: false }));
  });

  test('a failure later (too slow) turns the effect off and says why', async () => {
    const { effects, camera } = setup();
    effects.setEnabled('camera', true);
    const raw = track('video', 'cam');
    effects.input(snapshot({ camera: raw, cameraOn: true }));
    camera.started[0].resolve();
    await flush();
    camera.started[0].fail('Too slow here.');
    expect(effects.snapshot.camera).toBe(raw);
    expect(camera.made[0].stopped).toBe(true);
    expect(effects.state).toMatchObject({ blur: false, problem: 'Too slow here.' });
  });

  test('a start that throws turns the effect off with a message, raw media keeps flowing', async () => {
    const effects = new MediaEffects({
      mic: () => Promise.reject(new Error('no wasm')),
      camera: () => Promise.reject(new Error('no model')),
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    effects.setEnabled('mic', true);
    const raw = track('audio', 'mic');
    effects.input(snapshot({ mic: raw, micOn: true }));
    await flush();
    expect(effects.snapshot.mic).toBe(raw);
    expect(effects.state.noiseSuppression).toBe(false);
    expect(effects.state.problem).toMatch(/Noise suppression/);
  });

  test('dispose stops every pipeline', async () => {
    const { effects, mic, camera } = setup();
    effects.setEnabled('mic', true);
    effects.setEnabled('camera', true);
    effects.input(snapshot({ mic: track('audio', 'm'), camera: track('video', 'c'), micOn: true }));
    mic.started[0].resolve();
    camera.started[0].resolve();
    await flush();
    effects.dispose();
    expect(mic.made[0].stopped).toBe(true);
    expect(camera.made[0].stopped).toBe(true);
  });
});
