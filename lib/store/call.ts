import type { StateCreator } from 'zustand/vanilla';
import { emptyLocalMedia, type LocalMediaSnapshot } from '@/lib/media/localMedia';
import type { RoomState } from '@/lib/store';

export type CallPhase = 'lobby' | 'joining' | 'in-call' | 'left' | 'failed';
export type LinkState = 'offline' | 'connected' | 'reconnecting';

/** Where this person is in the room's life, who they are, and their own media. */
export interface CallSlice {
  roomId: string;
  phase: CallPhase;
  error: string | null;
  selfId: string | null;
  displayName: string;
  link: LinkState;
  local: LocalMediaSnapshot;
  /** People already in the room, as seen from the lobby; null until known. */
  lobbyCount: number | null;
  /** How many people the room holds, from the lobby's peek; null until known. */
  lobbyCapacity: number | null;
  setSelf(selfId: string | null, displayName: string): void;
  setLink(link: LinkState): void;
  setLocal(local: LocalMediaSnapshot): void;
  setLobbyCount(count: number | null, capacity?: number): void;
}

export const createCallSlice =
  (roomId: string): StateCreator<RoomState, [], [], CallSlice> =>
  (set) => ({
    roomId,
    phase: 'lobby',
    error: null,
    selfId: null,
    displayName: '',
    link: 'offline',
    local: emptyLocalMedia,
    lobbyCount: null,
    lobbyCapacity: null,
    setSelf: (selfId, displayName) => set({ selfId, displayName }),
    setLink: (link) => set({ link }),
    setLocal: (local) => set({ local }),
    setLobbyCount: (lobbyCount, capacity) =>
      set(capacity === undefined ? { lobbyCount } : { lobbyCount, lobbyCapacity: capacity }),
  });
