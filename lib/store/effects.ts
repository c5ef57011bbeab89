import type { StateCreator } from 'zustand/vanilla';
import type { EffectsState } from '@/lib/media/effects/mediaEffects';
import type { RoomState } from '@/lib/store';

/** This person's local recording: running or not, and the file it made. */
export interface RecordingState {
  on: boolean;
  /** The finished file, offered for download (kept after leaving). */
  file: { url: string; name: string } | null;
  problem: string | null;
}

/** Noise suppression, background blur and local recording, as this person set them. */
export interface EffectsSlice {
  effects: EffectsState;
  recording: RecordingState;
  setEffects(effects: EffectsState): void;
  setRecording(patch: Partial<RecordingState>): void;
}

export const initialEffects: EffectsState = {
  noiseSuppression: false,
  blur: false,
  loading: false,
  problem: null,
};

export const createEffectsSlice: StateCreator<RoomState, [], [], EffectsSlice> = (set, get) => ({
  effects: initialEffects,
  recording: { on: false, file: null, problem: null },
  setEffects: (effects) => set({ effects }),
  setRecording: (patch) => set({ recording: { ...get().recording, ...patch } }),
});
