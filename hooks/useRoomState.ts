'use client';

import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { RoomActions } from '@/lib/call/roomActions';
import type { RoomState, RoomStore } from '@/lib/store';

export interface RoomContextValue {
  store: RoomStore;
  session: RoomActions | null;
}

export const RoomContext = createContext<RoomContextValue | null>(null);

function useRoomContext(): RoomContextValue {
  const value = useContext(RoomContext);
  if (!value) throw new Error('useRoomState must be used inside <RoomProvider>');
  return value;
}

/** Reads from this room's store with a selector. */
export function useRoomState<T>(selector: (state: RoomState) => T): T {
  return useStore(useRoomContext().store, selector);
}

/** The room's session, for actions (join, toggles, leave); null while mounting. */
export function useRoomSession(): RoomActions | null {
  return useRoomContext().session;
}
