/** Audio levels of several tracks, sampled a few times a second with one AudioContext. */
import { Emitter } from '@/lib/util/emitter';

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
  private readonly receivers = new Map<string, RTCRtpReceiver>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private buffer: Float32Array<ArrayBuffer> = new Float32Array(512);

  constructor(private readonly intervalMs = 125) {
    super();
  }

  /** Starts (or stops, with null) measuring a local `track` under `key`, with Web Audio. */
  watch(key: string, track: MediaStreamTrack | null): void {
    const current = this.watched.get(key);
    if (current?.track === track) return;
    if (current) {
      current.source.disconnect();
      this.watched.delete(key);
    }
    if (!track || track.readyState !== 'live' || typeof AudioContext === 'undefined') return;
    const context = (this.context ??= new AudioContext());
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    this.watched.set(key, { track, source, analyser });
    this.start();
  }

  /**
   * Starts (or stops, with null) measuring what a remote participant sends,
   * from the audio level carried in each RTP packet's header: cheap, and
   * unlike a Web Audio source on a remote track it never stays silent.
   */
  watchReceiver(key: string, receiver: RTCRtpReceiver | null): void {
    if (receiver) {
      this.receivers.set(key, receiver);
      this.start();
    } else {
      this.receivers.delete(key);
    }
  }

  unwatch(key: string): void {
    this.watch(key, null);
    this.watchReceiver(key, null);
  }

  private start(): void {
    this.timer ??= setInterval(() => this.sample(), this.intervalMs);
  }

  keys(): string[] {
    return [...new Set([...this.watched.keys(), ...this.receivers.keys()])];
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
    for (const [key, receiver] of this.receivers) {
      const sources = receiver.getSynchronizationSources?.() ?? [];
      levels.set(key, Math.max(0, ...sources.map((s) => s.audioLevel ?? 0)));
    }
    this.emit('levels', levels);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const { source } of this.watched.values()) source.disconnect();
    this.watched.clear();
    this.receivers.clear();
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
