'use client';

import { useEffect } from 'react';
import { shortcutAction } from '@/lib/view/shortcuts';
import { useRoomSession } from './useRoomState';

/** Ctrl/Cmd+D toggles the mic, Ctrl/Cmd+E the camera, as in Google Meet. */
export function useShortcuts(): void {
  const session = useRoomSession();
  useEffect(() => {
    if (!session) return;
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutAction(event);
      if (!action || event.repeat) return;
      event.preventDefault();
      void (action === 'mic' ? session.toggleMic() : session.toggleCamera());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);
}
