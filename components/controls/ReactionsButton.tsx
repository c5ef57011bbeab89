'use client';

import { useState } from 'react';
import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { REACTIONS } from '@/lib/peer-data/messages';
import { SmileIcon } from '@/components/files/sharingIcons';
import { ToggleButton } from '@/components/ui/ToggleButton';

/** A row of emoji that float over your tile for everyone for a few seconds. */
export function ReactionsButton() {
  const session = useRoomSession();
  const pushToast = useRoomState((s) => s.pushToast);
  const [open, setOpen] = useState(false);
  return (
    <div className="relative">
      <ToggleButton
        testId="reactions-toggle"
        pressed={open}
        label={open ? 'Close reactions' : 'Send a reaction'}
        onClick={() => setOpen(!open)}
        disabled={false}
        problem={null}
        tone="accent-on"
        on={<SmileIcon />}
        off={<SmileIcon />}
      />
      {open && (
        <div
          role="group"
          aria-label="Reactions"
          className="absolute bottom-full left-1/2 z-30 mb-2 flex -translate-x-1/2 gap-1 rounded-full bg-meet-panel p-1 shadow-lg"
        >
          {REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              data-testid="reaction-send"
              data-emoji={emoji}
              aria-label={`React ${emoji}`}
              onClick={() => {
                if (session?.react(emoji) === false) {
                  pushToast('Slow down a little: too many reactions.');
                }
              }}
              className="h-10 w-10 rounded-full text-2xl hover:bg-white/10 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none"
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
