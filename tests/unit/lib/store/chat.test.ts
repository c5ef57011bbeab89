import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '@/lib/protocol';
import { createRoomStore } from '@/lib/store';
import { CHAT_HISTORY } from '@/lib/store/chat';

const message = (id: string, from = 'bob-1111'): ChatMessage => ({
  id,
  from,
  displayName: 'Bob',
  text: `text ${id}`,
  sentAt: 1,
});

describe('chat slice', () => {
  it('appends each message once, counting unread only when told to', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().appendChatMessage(message('a'), true);
    s().appendChatMessage(message('a'), true);
    s().appendChatMessage(message('b'), false);
    expect(s().messages.map((m) => m.id)).toEqual(['a', 'b']);
    expect(s().unread).toBe(1);
    s().markChatRead();
    expect(s().unread).toBe(0);
  });

  it(`keeps only the latest ${CHAT_HISTORY} messages`, () => {
    const store = createRoomStore('r');
    for (let i = 0; i < CHAT_HISTORY + 5; i++) {
      store.getState().appendChatMessage(message(`m${i}`), false);
    }
    const { messages } = store.getState();
    expect(messages).toHaveLength(CHAT_HISTORY);
    expect(messages[0].id).toBe('m5');
  });

  it('clears to empty, nothing unread', () => {
    const store = createRoomStore('r');
    store.getState().appendChatMessage(message('a'), true);
    store.getState().clearChat();
    expect(store.getState()).toMatchObject({ messages: [], unread: 0 });
  });
});
