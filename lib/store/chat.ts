import type { StateCreator } from 'zustand/vanilla';
import type { ChatMessage } from '@/lib/protocol';
import type { RoomState } from '@/lib/store';

/** Only the latest messages are kept in memory; chat is live only. */
export const CHAT_HISTORY = 300;

export interface ChatSlice {
  messages: ChatMessage[];
  /** Messages from others that arrived while the chat panel was closed. */
  unread: number;
  addChatMessage(message: ChatMessage): void;
  clearChat(): void;
}

export const createChatSlice: StateCreator<RoomState, [], [], ChatSlice> = (set) => ({
  messages: [],
  unread: 0,
  addChatMessage: (message) =>
    set((state) => {
      if (state.messages.some((m) => m.id === message.id)) return state;
      const mine = message.from === state.selfId;
      return {
        messages: [...state.messages, message].slice(-CHAT_HISTORY),
        unread: mine || state.panel === 'chat' ? state.unread : state.unread + 1,
      };
    }),
  clearChat: () => set({ messages: [], unread: 0 }),
});
