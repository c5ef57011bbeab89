import type { StateCreator } from 'zustand/vanilla';
import type { RoomState } from '@/lib/store';

export type Panel = 'chat' | 'people';
export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

export interface Toast {
  id: number;
  text: string;
}

export interface UiSlice {
  /** The side panel that is open, if any (a sheet on phones). */
  panel: Panel | null;
  /** A participant id shown in the spotlight by choice; wins over a screen share. */
  pinnedId: string | null;
  selfViewHidden: boolean;
  toasts: Toast[];
  /** Who is talking now, by participant id; the key '' is yourself. */
  speaking: Record<string, boolean>;
  /** Connection quality per participant, from getStats. */
  quality: Record<string, Quality>;
  /** The chosen audio output device, for setSinkId; '' is the default. */
  speakerId: string;
  setPanel(panel: Panel | null): void;
  togglePanel(panel: Panel): void;
  togglePin(id: string): void;
  toggleSelfView(): void;
  pushToast(text: string): void;
  dismissToast(id: number): void;
  setSpeaking(id: string, speaking: boolean): void;
  setQuality(id: string, quality: Quality): void;
  setSpeakerId(id: string): void;
}

let nextToast = 1;

export const createUiSlice: StateCreator<RoomState, [], [], UiSlice> = (set, get) => ({
  panel: null,
  pinnedId: null,
  selfViewHidden: false,
  toasts: [],
  speaking: {},
  quality: {},
  speakerId: '',
  setPanel: (panel) => set(panel === 'chat' ? { panel, unread: 0 } : { panel }),
  togglePanel: (panel) => get().setPanel(get().panel === panel ? null : panel),
  togglePin: (id) => set((state) => ({ pinnedId: state.pinnedId === id ? null : id })),
  toggleSelfView: () => set((state) => ({ selfViewHidden: !state.selfViewHidden })),
  pushToast: (text) =>
    set((state) => ({ toasts: [...state.toasts, { id: nextToast++, text }].slice(-4) })),
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
  setSpeaking: (id, speaking) =>
    set((state) =>
      Boolean(state.speaking[id]) === speaking
        ? state
        : { speaking: { ...state.speaking, [id]: speaking } },
    ),
  setQuality: (id, quality) =>
    set((state) =>
      state.quality[id] === quality ? state : { quality: { ...state.quality, [id]: quality } },
    ),
  setSpeakerId: (speakerId) => set({ speakerId }),
});
