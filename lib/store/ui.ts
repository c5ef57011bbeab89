import type { StateCreator } from 'zustand/vanilla';
import type { RoomState } from '@/lib/store';
import type { PinKey } from '@/lib/view/pinKey';

export type Panel = 'chat' | 'people';
export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

export interface Toast {
  id: number;
  text: string;
}

/** What the call screen shows around the tiles, and this person's view choices. */
export interface UiSlice {
  /** The side panel that is open, if any (a sheet on phones); set with the store's `setPanel`. */
  panel: Panel | null;
  /** The tile in the spotlight by choice (a person or a share); wins over a screen share. */
  pinnedId: PinKey | null;
  selfViewHidden: boolean;
  toasts: Toast[];
  /** Who of the others is talking now, by participant id. */
  speaking: Record<string, boolean>;
  /** Whether you are talking now (your own mic's level). */
  selfSpeaking: boolean;
  /** Connection quality per participant, from getStats. */
  quality: Record<string, Quality>;
  /** The chosen audio output device, for setSinkId; '' is the default. */
  speakerId: string;
  togglePin(pinKey: PinKey): void;
  toggleSelfView(): void;
  pushToast(text: string): void;
  dismissToast(id: number): void;
  setSpeaking(id: string, speaking: boolean): void;
  setSelfSpeaking(speaking: boolean): void;
  setQuality(id: string, quality: Quality): void;
  setSpeakerId(id: string): void;
}

type CallView = Pick<UiSlice, 'pinnedId' | 'speaking' | 'selfSpeaking' | 'quality'>;

/** What only means something during a call: no pin, no speaking rings, no quality marks. */
export const initialCallView = (): CallView => ({
  pinnedId: null,
  speaking: {},
  selfSpeaking: false,
  quality: {},
});

/**
 * The UI as a call starts: the call view, no toasts, no panel open. Not in it,
 * so they survive leave and rejoin: `selfViewHidden` and `speakerId` (this
 * person's choices, like preferences).
 */
export const initialCallUi = (): CallView & Pick<UiSlice, 'panel' | 'toasts'> => ({
  ...initialCallView(),
  panel: null,
  toasts: [],
});

const TOASTS_SHOWN = 4;

export const createUiSlice: StateCreator<RoomState, [], [], UiSlice> = (set) => {
  // Per store: toast ids only need to be unique within one room page.
  let nextToast = 1;
  return {
    ...initialCallUi(),
    selfViewHidden: false,
    speakerId: '',
    togglePin: (pinKey) =>
      set((state) => ({ pinnedId: state.pinnedId === pinKey ? null : pinKey })),
    toggleSelfView: () => set((state) => ({ selfViewHidden: !state.selfViewHidden })),
    pushToast: (text) =>
      set((state) => ({
        toasts: [...state.toasts, { id: nextToast++, text }].slice(-TOASTS_SHOWN),
      })),
    dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
    setSpeaking: (id, speaking) =>
      set((state) =>
        Boolean(state.speaking[id]) === speaking
          ? state
          : { speaking: { ...state.speaking, [id]: speaking } },
      ),
    setSelfSpeaking: (selfSpeaking) =>
      set((state) => (state.selfSpeaking === selfSpeaking ? state : { selfSpeaking })),
    setQuality: (id, quality) =>
      set((state) =>
        state.quality[id] === quality ? state : { quality: { ...state.quality, [id]: quality } },
      ),
    setSpeakerId: (speakerId) => set({ speakerId }),
  };
};
