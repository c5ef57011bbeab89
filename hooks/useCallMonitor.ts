'use client';

import { useContext, useEffect } from 'react';
import { CallMonitor } from '@/lib/call/callMonitor';
import { RoomContext } from './useRoomState';

/** Runs the speaking / quality / join-leave monitor while the call is on screen. */
export function useCallMonitor(): void {
  const room = useContext(RoomContext);
  const store = room?.store;
  const session = room?.session;
  useEffect(() => {
    if (!store || !session) return;
    const monitor = new CallMonitor(store, session);
    return () => monitor.dispose();
  }, [store, session]);
}
