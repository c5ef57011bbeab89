'use client';

import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { ScreenIcon } from '@/components/ui/icons';

/** While you share your screen: says so, with a way to stop (as Meet does). */
export function PresentingBanner() {
  const presenting = useRoomState((s) => s.local.screenOn);
  const session = useRoomSession();
  if (!presenting) return null;
  return (
    <div
      role="status"
      data-testid="presenting-banner"
      className="flex items-center justify-center gap-3 rounded-md bg-meet-panel px-3 py-1.5 text-sm"
    >
      <ScreenIcon className="h-4 w-4 shrink-0 text-meet-accent" />
      <span>You are presenting to everyone</span>
      <button
        type="button"
        onClick={() => void session?.toggleScreen()}
        className="rounded-full bg-meet-accent px-3 py-0.5 font-medium text-neutral-900 hover:bg-blue-300 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none"
      >
        Stop presenting
      </button>
    </div>
  );
}
