'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { LIMITS } from '@/lib/protocol/limits';
import { failureMessage } from '@/lib/call/messages';
import { ChatMessageItem } from './ChatMessageItem';
import { SidePanel } from './SidePanel';

/** In-call messages: live only, seen by everyone in the call now. */
export function ChatPanel() {
  const session = useRoomSession();
  const messages = useRoomState((s) => s.messages);
  const selfId = useRoomState((s) => s.selfId);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }, [messages.length]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || !session) return;
    try {
      await session.sendChat(trimmed);
      setText('');
      setError(null);
    } catch (err) {
      setError(failureMessage(err, 'chat'));
    }
  };

  return (
    <SidePanel title="In-call messages">
      <p className="mx-4 rounded-md bg-white/5 px-3 py-2 text-xs text-neutral-300">
        Messages are seen only by people in the call now and are not saved.
      </p>
      <ol
        ref={list}
        tabIndex={0}
        aria-label="Messages"
        aria-live="polite"
        className="flex-1 space-y-3 overflow-y-auto px-4 py-3"
      >
        {messages.map((m) => (
          <ChatMessageItem key={m.id} message={m} mine={m.from === selfId} />
        ))}
      </ol>
      {error && (
        <p role="alert" className="px-4 text-sm text-amber-200">
          {error}
        </p>
      )}
      <form onSubmit={send} className="flex gap-2 p-3">
        <label htmlFor="chat-input" className="sr-only">
          Send a message to everyone
        </label>
        <input
          id="chat-input"
          data-testid="chat-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={LIMITS.chatMessage}
          autoComplete="off"
          placeholder="Send a message"
          className="min-w-0 flex-1 rounded-full bg-meet-tile px-4 py-2 placeholder:text-neutral-400 focus:ring-2 focus:ring-meet-accent focus:outline-none"
        />
        <button
          type="submit"
          data-testid="chat-send"
          disabled={!text.trim()}
          className="rounded-full px-4 py-2 font-medium text-meet-accent hover:bg-white/5 disabled:text-neutral-500"
        >
          Send
        </button>
      </form>
    </SidePanel>
  );
}
