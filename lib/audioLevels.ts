/** Audio levels of several tracks, sampled a few times a second with one AudioContext. */
import { Emitter } from './emitter';

export type AudioLevelEvents = { levels: [Map<string, number>] };

interface Watched {
  track: MediaStreamTrack;
  source: MediaStreamAudioSourceNode;
  analyser: AnalyserNode;
}

/** Root-mean-square of samples in -1..1. */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

export class AudioLevels extends Emitter<AudioLevelEvents> {
  private context: AudioContext | null = null;
  private readonly watched = new Map<string, Watched>();
  /** Tracks waiting for their first media before they can be measured. */
  private readonly pending = new Map<string, MediaStreamTrack>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private buffer: Float32Array<ArrayBuffer> = new Float32Array(512);

  constructor(private readonly intervalMs = 125) {
    super();
  }

  /** Starts (or stops, with null) measuring `track` under `key`. */
  watch(key: string, track: MediaStreamTrack | null): void {
    const current = this.watched.get(key);
    if (current?.track === track || this.pending.get(key) === track) return;
    if (current) {
      current.source.disconnect();
      this.watched.delete(key);
    }
    this.pending.delete(key);
    if (!track || track.readyState !== 'live' || typeof AudioContext === 'undefined') return;
    if (track.muted) {
      // A remote track is muted until its first packets arrive; a Web Audio
      // source made before that stays silent in Chromium, so wait for them.
      this.pending.set(key, track);
      track.addEventListener(
        'unmute',
        () => {
          if (this.pending.get(key) !== track) return;
          this.pending.delete(key);
          this.connect(key, track);
        },
        { once: true },
      );
      return;
    }
    this.connect(key, track);
  }

  private connect(key: string, track: MediaStreamTrack): void {
    const context = (this.context ??= new AudioContext());
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    this.watched.set(key, { track, source, analyser });
    this.timer ??= setInterval(() => this.sample(), this.intervalMs);
  }

  keys(): string[] {
    return [...this.watched.keys(), ...this.pending.keys()];
  }

  private sample(): void {
    const levels = new Map<string, number>();
    for (const [key, { track, analyser }] of this.watched) {
      if (!track.enabled || track.readyState !== 'live') {
        levels.set(key, 0);
        continue;
      }
      analyser.getFloatTimeDomainData(this.buffer);
      levels.set(key, rms(this.buffer));
    }
    this.emit('levels', levels);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const { source } of this.watched.values()) source.disconnect();
    this.watched.clear();
    this.pending.clear();
    void this.context?.close().catch(() => undefined);
    this.context = null;
    this.removeAllListeners();
  }
}

/**
 * Turns levels into "speaking": on at once above `on`, off only after the
 * level has stayed below `off` for `holdMs`, so the ring does not flicker.
 */
export class SpeakingGate {
  private speaking = false;
  private quietSince: number | null = null;

  constructor(
    private readonly on = 0.03,
    private readonly off = 0.015,
    private readonly holdMs = 600,
  ) {}

  update(level: number, now: number): boolean {
    if (level >= this.on) {
      this.speaking = true;
      this.quietSince = null;
    } else if (this.speaking && level < this.off) {
      this.quietSince ??= now;
      if (now - this.quietSince >= this.holdMs) this.speaking = false;
    } else if (level >= this.off) {
      this.quietSince = null;
    }
    return this.speaking;
  }
}
