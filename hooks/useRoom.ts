'use client';

import { useEffect, useState } from 'react';
import { RoomSession } from '@/lib/call/roomSession';
import { createRoomStore, type RoomStore } from '@/lib/store';

export interface RoomHandle {
  store: RoomStore;
  /** Null until mounted (and between StrictMode's unmount and remount). */
  session: RoomSession | null;
}

function readForceRelay(): boolean {
  if (typeof window === 'undefined') return false;
  return new URLSearchParams(window.location.search).get('relay') === 'only';
}

/** Benchmark switch: `?adapt=off` keeps the browser's default sender limits. */
function readAdapt(): boolean {
  if (typeof window === 'undefined') return true;
  return new URLSearchParams(window.location.search).get('adapt') !== 'off';
}

/**
 * One store and one RoomSession per room page. The session is created in an
 * effect and disposed in its cleanup (every track stopped, every connection
 * closed), so React StrictMode's mount-unmount-mount leaves exactly one.
 */
export function useRoom(roomId: string): RoomHandle {
  const [store] = useState(() => createRoomStore(roomId));
  const [session, setSession] = useState<RoomSession | null>(null);

  useEffect(() => {
    const created = new RoomSession({
      roomId,
      store,
      forceRelay: readForceRelay(),
      adaptBitrate: readAdapt(),
    });
    setSession(created);
    return () => {
      created.dispose();
      setSession(null);
    };
  }, [roomId, store]);

  return { store, session };
}
