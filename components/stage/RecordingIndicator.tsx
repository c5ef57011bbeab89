'use client';

import { useShallow } from 'zustand/react/shallow';
import { useRoomState } from '@/hooks/useRoomState';
import { selectParticipantList } from '@/lib/store';

/** Who is recording the call (you, or others as the server announced them). */
function recordingLine(self: boolean, others: string[]): string | null {
  const names = [...(self ? ['You'] : []), ...others];
  if (names.length === 0) return null;
  const who =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${who} ${names.length === 1 && !self ? 'is' : 'are'} recording this call`;
}

/** A red dot and who records, shown to everyone for as long as anyone records. */
export function RecordingIndicator() {
  const self = useRoomState((s) => s.recording.on);
  const others = useRoomState(
    useShallow((s) =>
      selectParticipantList(s)
        .filter((p) => p.media.recording)
        .map((p) => p.displayName),
    ),
  );
  const line = recordingLine(self, others);
  if (!line) return null;
  return (
    <div
      role="status"
      data-testid="recording-indicator"
      className="flex items-center justify-center gap-2 self-center rounded-full bg-red-900/70 px-3 py-1 text-sm text-white"
    >
      <span aria-hidden="true" className="h-2.5 w-2.5 animate-pulse rounded-full bg-red-500" />
      {line}
    </div>
  );
}
