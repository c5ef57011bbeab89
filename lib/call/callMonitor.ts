/**
 * Watches a call while it runs and writes what it sees into the room store:
 * who is speaking (audio levels, ~8 Hz: Web Audio for your mic, RTP audio
 * levels for everyone else), each connection's quality (getStats
 * every 2 s), and "X joined" / "X left" toasts. Framework-free; a hook starts
 * and stops it.
 */
import { AudioLevels, SpeakingGate } from '@/lib/media/audioLevels';
import {
  lossBetween,
  qualityLevel,
  readQualitySample,
  type QualitySample,
  type StatsEntries,
} from './quality';
import type { RoomState, RoomStore } from '@/lib/store';

/** What the monitor reads of each participant's connection. */
export interface ConnectionSource {
  /** Stats of the connection to `id` while it is connected; null otherwise. */
  connectionStats(id: string): Promise<StatsEntries | null>;
  /** The receiver of `id`'s microphone, for its RTP audio levels. */
  voiceReceiver(id: string): RTCRtpReceiver | null;
}

/** Your own mic among the watched levels; participant ids are never empty. */
const SELF_LEVEL = '';
const STATS_INTERVAL_MS = 2000;

export class CallMonitor {
  private readonly levels = new AudioLevels();
  private readonly gates = new Map<string, SpeakingGate>();
  private readonly samples = new Map<string, QualitySample>();
  private readonly unsubscribe: () => void;
  private readonly statsTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly store: RoomStore,
    private readonly connections: ConnectionSource,
  ) {
    this.levels.on('levels', (levels) => this.onLevels(levels));
    this.unsubscribe = store.subscribe((state, prev) => this.onState(state, prev));
    this.onState(store.getState(), null);
    this.statsTimer = setInterval(() => void this.readStats(), STATS_INTERVAL_MS);
  }

  private onState(state: RoomState, prev: RoomState | null): void {
    if (state.phase !== 'in-call') {
      for (const key of this.levels.keys()) this.levels.unwatch(key);
      return;
    }
    this.levels.watch(SELF_LEVEL, state.local.micOn ? state.local.mic : null);
    const present = new Set(Object.keys(state.participants));
    for (const p of Object.values(state.participants)) {
      this.levels.watchReceiver(p.id, p.media.mic ? this.connections.voiceReceiver(p.id) : null);
    }
    for (const key of this.levels.keys()) {
      if (key !== SELF_LEVEL && !present.has(key)) this.levels.unwatch(key);
    }
    if (prev?.phase === 'in-call' && prev.participants !== state.participants) {
      this.announce(prev, state);
    }
  }

  private announce(prev: RoomState, state: RoomState): void {
    for (const [id, p] of Object.entries(state.participants)) {
      if (!prev.participants[id]) state.pushToast(`${p.displayName} joined`);
    }
    for (const [id, p] of Object.entries(prev.participants)) {
      if (!state.participants[id]) state.pushToast(`${p.displayName} left`);
    }
  }

  private onLevels(levels: Map<string, number>): void {
    const now = Date.now();
    const state = this.store.getState();
    for (const [key, level] of levels) {
      let gate = this.gates.get(key);
      if (!gate) this.gates.set(key, (gate = new SpeakingGate()));
      const speaking = gate.update(level, now);
      if (key === SELF_LEVEL) state.setSelfSpeaking(speaking);
      else state.setSpeaking(key, speaking);
    }
    if (!levels.has(SELF_LEVEL)) state.setSelfSpeaking(false);
    for (const key of Object.keys(state.speaking)) {
      if (!levels.has(key)) state.setSpeaking(key, false);
    }
  }

  private async readStats(): Promise<void> {
    const state = this.store.getState();
    if (state.phase !== 'in-call') return;
    await Promise.all(
      Object.keys(state.participants).map(async (id) => {
        try {
          const report = await this.connections.connectionStats(id);
          if (!report) return;
          const sample = readQualitySample(report);
          const loss = lossBetween(this.samples.get(id) ?? null, sample);
          this.samples.set(id, sample);
          this.store.getState().setQuality(id, qualityLevel(sample.rtt, loss));
        } catch {
          // A connection closing under us: its tile is going away too.
        }
      }),
    );
  }

  dispose(): void {
    this.unsubscribe();
    clearInterval(this.statsTimer);
    this.levels.dispose();
  }
}
