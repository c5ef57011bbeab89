import type { StateCreator } from 'zustand/vanilla';
import type { ChatMessage } from '@/lib/protocol';
import type { RoomState } from '@/lib/store';

/** Only the latest messages are kept in memory; chat is live only. */
export const CHAT_HISTORY = 300;

/** The call's chat: messages as the server stamped them, and how many are unread. */
export interface ChatSlice {
  messages: ChatMessage[];
  /** Messages from others that arrived while the chat panel was closed. */
  unread: number;
  /**
   * Adds a message (once per id, the latest CHAT_HISTORY kept); `countUnread`
   * adds one to `unread`. The store's cross-slice `addChatMessage` decides it.
   */
  appendChatMessage(message: ChatMessage, countUnread: boolean): void;
  markChatRead(): void;
  /** This slice's reset: no messages, nothing unread. */
  clearChat(): void;
}

/** The chat as a call starts: empty. */
export const initialChat = (): Pick<ChatSlice, 'messages' | 'unread'> => ({
  messages: [],
  unread: 0,
});

export const createChatSlice: StateCreator<RoomState, [], [], ChatSlice> = (set) => ({
  ...initialChat(),
  appendChatMessage: (message, countUnread) =>
    set((state) => {
      if (state.messages.some((m) => m.id === message.id)) return state;
      return {
        messages: [...state.messages, message].slice(-CHAT_HISTORY),
        unread: countUnread ? state.unread + 1 : state.unread,
      };
    }),
  markChatRead: () => set((state) => (state.unread === 0 ? state : { unread: 0 })),
  clearChat: () => set(initialChat()),
});
