import { Emitter } from '@/lib/util/emitter';
import { emptyLocalMedia, type LocalMediaSnapshot } from '@/lib/media/localMedia';
import type { ProcessedTrack, TrackEffect } from './processedTrack';

export type EffectSlot = 'mic' | 'camera';

/** Which effects are on, and what went wrong with one (shown to the person). */
export interface EffectsState {
  noiseSuppression: boolean;
  blur: boolean;
  /** Starting them: the first time loads a worklet or model. */
  loading: boolean;
  problem: string | null;
}

export type MediaEffectsEvents = {
  /** The snapshot to send and show: LocalMedia's, with processed tracks in the slots. */
  change: [LocalMediaSnapshot];
  state: [EffectsState];
};

interface Slot {
  on: boolean;
  readonly effect: TrackEffect;
  /** Camera: send nothing until the processed track is there (blur hides the room). */
  readonly holdWhilePending: boolean;
  input: MediaStreamTrack | null;
  processed: ProcessedTrack | null;
  /** Bumped whenever a pending start must be dropped. */
  generation: number;
  pending: boolean;
}

/**
 * Sits between LocalMedia and the call: turns the raw microphone and camera
 * into what is sent (noise-suppressed, background-blurred) and keeps that
 * pipeline in step with the raw tracks: a new device restarts it, camera off
 * stops it, mic off disables the processed track. Failures turn the effect off.
 */
export class MediaEffects extends Emitter<MediaEffectsEvents> {
  private raw: LocalMediaSnapshot = emptyLocalMedia;
  private output: LocalMediaSnapshot = emptyLocalMedia;
  private problem: string | null = null;
  private disposed = false;
  private readonly slots: Record<EffectSlot, Slot>;

  constructor(effects: { mic: TrackEffect; camera: TrackEffect }) {
    super();
    const slot = (effect: TrackEffect, holdWhilePending: boolean): Slot => ({
      on: false,
      effect,
      holdWhilePending,
      input: null,
      processed: null,
      generation: 0,
      pending: false,
    });
    this.slots = { mic: slot(effects.mic, false), camera: slot(effects.camera, true) };
  }

  get snapshot(): LocalMediaSnapshot {
    return this.output;
  }

  get state(): EffectsState {
    return {
      noiseSuppression: this.slots.mic.on,
      blur: this.slots.camera.on,
      loading: this.slots.mic.pending || this.slots.camera.pending,
      problem: this.problem,
    };
  }

  /** LocalMedia changed. */
  input(snapshot: LocalMediaSnapshot): void {
    this.raw = snapshot;
    this.reconcile('mic');
    this.reconcile('camera');
    this.publish();
  }

  setEnabled(kind: EffectSlot, on: boolean): void {
    const slot = this.slots[kind];
    if (slot.on === on) return;
    slot.on = on;
    if (on) this.problem = null;
    this.reconcile(kind);
    this.publish();
    this.emit('state', this.state);
  }

  isEnabled(kind: EffectSlot): boolean {
    return this.slots[kind].on;
  }

  /** The processed tracks (if any) as they are now, for tests and benchmarks. */
  processing(kind: EffectSlot): boolean {
    return this.slots[kind].processed !== null;
  }

  dispose(): void {
    this.disposed = true;
    for (const slot of Object.values(this.slots)) this.release(slot);
    this.removeAllListeners();
  }

  private reconcile(kind: EffectSlot): void {
    const slot = this.slots[kind];
    const input = this.raw[kind];
    const live = input !== null && input.readyState !== 'ended';
    if (!slot.on || !live) {
      this.release(slot);
      slot.input = input;
      return;
    }
    if (slot.input === input && (slot.processed || slot.pending)) return;
    this.release(slot);
    slot.input = input;
    this.start(kind, slot, input);
  }

  private start(kind: EffectSlot, slot: Slot, input: MediaStreamTrack): void {
    const generation = ++slot.generation;
    slot.pending = true;
    const current = () => generation === slot.generation && !this.disposed;
    slot
      .effect(input, (message) => {
        if (current()) this.fail(kind, message);
      })
      .then(
        (processed) => {
          if (!current()) {
            processed.stop();
            return;
          }
          slot.pending = false;
          slot.processed = processed;
          this.publish();
          this.emit('state', this.state);
        },
        (err: unknown) => {
          if (!current()) return;
          slot.pending = false;
          const what = kind === 'mic' ? 'Noise suppression' : 'Background blur';
          console.warn('[parley] effect failed', err);
          this.fail(kind, `${what} could not start here, so it is off.`);
        },
      );
  }

  private fail(kind: EffectSlot, message: string): void {
    const slot = this.slots[kind];
    this.problem = message;
    slot.on = false;
    this.release(slot);
    this.publish();
    this.emit('state', this.state);
  }

  private release(slot: Slot): void {
    slot.generation++;
    slot.pending = false;
    slot.processed?.stop();
    slot.processed = null;
  }

  private trackFor(kind: EffectSlot): MediaStreamTrack | null {
    const slot = this.slots[kind];
    const raw = this.raw[kind];
    if (!slot.on || raw === null) return raw;
    // Mic off sends the raw track, disabled: true silence (a disabled processed
    // track still carries the suppressor's faint output, ~-110 dBFS).
    if (kind === 'mic' && !this.raw.micOn) return raw;
    if (slot.processed) return slot.processed.track;
    return slot.holdWhilePending ? null : raw;
  }

  private publish(): void {
    if (this.disposed) return;
    const mic = this.trackFor('mic');
    // Mic off disables the raw track (and sends it); the processed one is
    // disabled too, in case a sender still holds it (a replaceTrack in flight).
    const processed = this.slots.mic.processed?.track;
    if (processed) processed.enabled = this.raw.micOn;
    this.output = { ...this.raw, mic, camera: this.trackFor('camera') };
    this.emit('change', this.output);
  }
}
