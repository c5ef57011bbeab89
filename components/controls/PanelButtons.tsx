'use client';

import { useRoomState } from '@/hooks/useRoomState';
import { ChatIcon, PeopleIcon } from '@/components/ui/icons';
import { ToggleButton } from '@/components/ui/ToggleButton';

/** Chat (with its unread badge) and participants (with the head count) panel toggles. */
export function PanelButtons() {
  const panel = useRoomState((s) => s.panel);
  const unread = useRoomState((s) => s.unread);
  const count = useRoomState((s) => Object.keys(s.participants).length + 1);
  const togglePanel = useRoomState((s) => s.togglePanel);
  const chatOpen = panel === 'chat';
  const peopleOpen = panel === 'people';
  return (
    <>
      <ToggleButton
        testId="chat-toggle"
        pressed={chatOpen}
        label={
          chatOpen ? 'Close chat' : unread ? `Open chat, ${unread} unread` : 'Chat with everyone'
        }
        onClick={() => togglePanel('chat')}
        disabled={false}
        problem={null}
        tone="accent-on"
        on={<ChatIcon />}
        off={<ChatIcon />}
      >
        {unread > 0 && !chatOpen && (
          <span
            data-testid="chat-unread"
            aria-hidden="true"
            className="absolute -top-1 -right-1 min-w-5 rounded-full bg-meet-accent px-1 text-xs leading-5 font-semibold text-neutral-900"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </ToggleButton>
      <ToggleButton
        testId="people-toggle"
        pressed={peopleOpen}
        label={
          peopleOpen
            ? `Close participants, ${count} in the call`
            : `Show everyone, ${count} in the call`
        }
        onClick={() => togglePanel('people')}
        disabled={false}
        problem={null}
        tone="accent-on"
        on={<PeopleIcon />}
        off={<PeopleIcon />}
      >
        <span
          data-testid="participant-count"
          aria-hidden="true"
          className="absolute -top-1 -right-1 min-w-5 rounded-full bg-neutral-200 px-1 text-xs leading-5 font-semibold text-neutral-900"
        >
          {count}
        </span>
      </ToggleButton>
    </>
  );
}
