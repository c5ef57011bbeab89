'use client';

import { useCallback } from 'react';
import { useRoomSession, useRoomState } from './useRoomState';

/** Sends files to everyone in the call; problems (too large, nobody there) become toasts. */
export function useShareFiles(): (files: Iterable<File>) => void {
  const session = useRoomSession();
  const pushToast = useRoomState((s) => s.pushToast);
  return useCallback(
    (files: Iterable<File>) => {
      if (!session) return;
      for (const file of files) {
        session
          .shareFile(file)
          .then((problem) => problem && pushToast(problem))
          .catch(() => pushToast(`Could not send ${file.name}.`));
      }
    },
    [session, pushToast],
  );
}
