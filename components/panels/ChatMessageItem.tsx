import { memo } from 'react';
import { linkify } from '@/lib/view/linkify';
import type { ChatMessage } from '@/lib/protocol';

function time(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** One chat message: sender, time, and the text as text, with safe http(s) links. */
export const ChatMessageItem = memo(function ChatMessageItem({
  message,
  mine,
}: {
  message: ChatMessage;
  mine: boolean;
}) {
  return (
    <li data-testid="chat-message" data-from={message.from} className="flex flex-col gap-0.5">
      <div className="flex items-baseline gap-2 text-xs text-neutral-300">
        <span data-testid="chat-sender" className="truncate font-medium text-neutral-100">
          {mine ? 'You' : message.displayName}
        </span>
        <time dateTime={new Date(message.sentAt).toISOString()}>{time(message.sentAt)}</time>
      </div>
      <p data-testid="chat-text" className="text-sm break-words whitespace-pre-wrap">
        {linkify(message.text).map((part, i) =>
          part.kind === 'link' ? (
            <a
              key={i}
              href={part.href}
              target="_blank"
              rel="noopener noreferrer"
              className="text-meet-accent underline"
            >
              {part.text}
            </a>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </p>
    </li>
  );
});
