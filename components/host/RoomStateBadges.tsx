'use client';

import { useShallow } from 'zustand/react/shallow';
import { useRoomState } from '@/hooks/useRoomState';

/** Shown to everyone: the room is locked, has a waiting room, or a passcode. */
export function RoomStateBadges() {
  const { locked, waitingRoom, passcodeRequired } = useRoomState(useShallow((s) => s.roomControl));
  const notes = [
    locked && 'Locked',
    waitingRoom && 'Waiting room on',
    passcodeRequired && 'Passcode',
  ].filter((n): n is string => Boolean(n));
  if (notes.length === 0) return null;
  return (
    <div
      data-testid="room-state"
      data-locked={locked ? 'true' : 'false'}
      data-waiting-room={waitingRoom ? 'true' : 'false'}
      role="status"
      aria-label={`This meeting: ${notes.join(', ')}`}
      className="flex flex-wrap justify-center gap-2 text-xs"
    >
      {notes.map((note) => (
        <span key={note} className="rounded-full bg-neutral-700 px-2 py-0.5 text-neutral-100">
          {note}
        </span>
      ))}
    </div>
  );
}
