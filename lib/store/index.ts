// The room's state: one zustand store per room page, one file per slice (zustand's slices pattern), composed here.
import { createStore, type StateCreator } from 'zustand/vanilla';
import { createCallSlice, type CallPhase, type CallSlice } from './call';
import { createChatSlice, initialChat, type ChatSlice } from './chat';
import { createHostSlice, initialHost, type HostSlice } from './host';
import { createEffectsSlice, type EffectsSlice } from './effects';
import {
  createParticipantsSlice,
  initialParticipants,
  type ParticipantsSlice,
} from './participants';
import { createSharingSlice, type SharingSlice } from './sharing';
import { createUiSlice, initialCallUi, initialCallView, type Panel, type UiSlice } from './ui';
import type { ChatMessage } from '@/lib/protocol';

/**
 * Actions that write or read more than one slice. Each says which; the slices
 * themselves only touch their own state.
 */
export interface CrossSliceActions {
  /**
   * Call: the phase and the error to show. UI: any phase but 'in-call' also
   * drops the call view (pin, speaking rings, quality marks).
   */
  setPhase(phase: CallPhase, error?: string | null): void;
  /**
   * Chat: adds a message. It counts as unread unless it is yours (call:
   * `selfId`) or the chat panel is open (UI: `panel`).
   */
  addChatMessage(message: ChatMessage): void;
  /** UI: opens a side panel, or closes it with null. Chat: opening chat marks it read. */
  setPanel(panel: Panel | null): void;
  /** UI and chat as setPanel: opens `panel`, or closes it when it is the open one. */
  togglePanel(panel: Panel): void;
  /**
   * Leave and rejoin: everything call-scoped back to how a call starts:
   * participants, chat, sharing (files, hands, reactions, data peers), and the
   * UI's call part (pin, speaking, quality, toasts, open panel), the host part
   * (hosts, lock, knocks, lobby status, why we left). Kept: the call
   * slice (phase, name, local media: their owners set them) and this person's
   * view choices (`selfViewHidden`, `speakerId`).
   */
  resetCall(): void;
}

export type RoomState = CallSlice &
  ParticipantsSlice &
  ChatSlice &
  UiSlice &
  SharingSlice &
  HostSlice &
  EffectsSlice &
  CrossSliceActions;
export type RoomStore = ReturnType<typeof createRoomStore>;

const createCrossSliceActions: StateCreator<RoomState, [], [], CrossSliceActions> = (set, get) => ({
  setPhase: (phase, error = null) =>
    set(phase === 'in-call' ? { phase, error } : { phase, error, ...initialCallView() }),
  addChatMessage: (message) => {
    const { selfId, panel } = get();
    get().appendChatMessage(message, message.from !== selfId && panel !== 'chat');
  },
  setPanel: (panel) => set(panel === 'chat' ? { panel, unread: 0 } : { panel }),
  togglePanel: (panel) => get().setPanel(get().panel === panel ? null : panel),
  resetCall: () => {
    get().clearSharing();
    set({ ...initialParticipants(), ...initialChat(), ...initialCallUi(), ...initialHost() });
  },
});

/** One store per room page, created inside its provider. */
export function createRoomStore(roomId: string) {
  return createStore<RoomState>()((...a) => ({
    ...createCallSlice(roomId)(...a),
    ...createParticipantsSlice(...a),
    ...createChatSlice(...a),
    ...createUiSlice(...a),
    ...createSharingSlice(...a),
    ...createHostSlice(...a),
    ...createEffectsSlice(...a),
    ...createCrossSliceActions(...a),
  }));
}

export type { CallPhase, LinkState } from './call';
export { selectParticipantList, type Participant } from './participants';
export { selectIsHost, type LeftReason, type LobbyStatus } from './host';
export { emptyLocalMedia } from '@/lib/media/localMedia';
