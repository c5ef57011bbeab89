'use client';

import { useRoomState } from '@/hooks/useRoomState';
import { CallControls } from './CallControls';
import { SelfView } from './SelfView';
import { Stage } from './Stage';

/** The call: header, the stage with everyone else, your self-view, the controls. */
export function Call() {
  const roomId = useRoomState((s) => s.roomId);
  const count = useRoomState((s) => Object.keys(s.participants).length + 1);
  const link = useRoomState((s) => s.link);

  return (
    <main className="flex h-dvh flex-col gap-2 p-2 sm:p-4">
      <header className="flex items-center justify-between gap-2 px-1 text-sm text-neutral-300">
        <span className="truncate font-mono">{roomId}</span>
        <span className="flex items-center gap-1" aria-label="People in this call">
          <span data-testid="participant-count">{count}</span>
          <span aria-hidden="true">{count === 1 ? 'person' : 'people'}</span>
        </span>
      </header>
      {link === 'reconnecting' && (
        <div role="status" className="rounded-md bg-amber-700/80 px-3 py-1 text-center text-sm">
          Reconnecting…
        </div>
      )}
      <div className="relative min-h-0 flex-1">
        <Stage />
        <div className="absolute right-2 bottom-2 w-32 sm:w-56">
          <SelfView />
        </div>
      </div>
      <footer className="pb-1">
        <CallControls />
      </footer>
    </main>
  );
}
