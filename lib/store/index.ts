import { createStore, type StateCreator } from 'zustand/vanilla';
import { createChatSlice, type ChatSlice } from './chat';
import { emptyLocalMedia, type LocalMediaSnapshot } from '@/lib/media/localMedia';
import type { MediaState, PeerInfo } from '@/lib/protocol';
import { createSharingSlice, type SharingSlice } from './sharing';
import { createUiSlice, type UiSlice } from './ui';
import type { RemoteMedia } from '@/lib/webrtc/peer';

export type CallPhase = 'lobby' | 'joining' | 'in-call' | 'left' | 'failed';
export type LinkState = 'offline' | 'connected' | 'reconnecting';

export interface Participant extends PeerInfo, RemoteMedia {
  connection: RTCPeerConnectionState;
  /** Why this participant cannot be reached, in words for people; null when fine. */
  problem: string | null;
  /** We gave up connecting to this participant (after retries); a person may retry. */
  unreachable: boolean;
}

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
  setPhase(phase: CallPhase, error?: string | null): void;
  setSelf(selfId: string | null, displayName: string): void;
  setLink(link: LinkState): void;
  setLocal(local: LocalMediaSnapshot): void;
  setLobbyCount(count: number | null, capacity?: number): void;
}

export interface ParticipantsSlice {
  participants: Record<string, Participant>;
  addParticipant(peer: PeerInfo): void;
  removeParticipant(id: string): void;
  clearParticipants(): void;
  setParticipantMedia(id: string, media: MediaState): void;
  setParticipantStreams(id: string, streams: RemoteMedia): void;
  setParticipantConnection(id: string, connection: RTCPeerConnectionState): void;
  setParticipantProblem(id: string, problem: string | null): void;
  setParticipantUnreachable(id: string, unreachable: boolean): void;
}

export type RoomState = CallSlice & ParticipantsSlice & ChatSlice & UiSlice & SharingSlice;
export type RoomStore = ReturnType<typeof createRoomStore>;

export { emptyLocalMedia };

const createCallSlice =
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
    setPhase: (phase, error = null) =>
      set(
        phase === 'in-call'
          ? { phase, error }
          : { phase, error, pinnedId: null, speaking: {}, quality: {} },
      ),
    setSelf: (selfId, displayName) => set({ selfId, displayName }),
    setLink: (link) => set({ link }),
    setLocal: (local) => set({ local }),
    setLobbyCount: (lobbyCount, capacity) =>
      set(capacity === undefined ? { lobbyCount } : { lobbyCount, lobbyCapacity: capacity }),
  });

const createParticipantsSlice: StateCreator<RoomState, [], [], ParticipantsSlice> = (set) => {
  const patch = (id: string, change: Partial<Participant>) =>
    set((state) => {
      const current = state.participants[id];
      if (!current) return state;
      return { participants: { ...state.participants, [id]: { ...current, ...change } } };
    });
  return {
    participants: {},
    addParticipant: (peer) =>
      set((state) => {
        const existing = state.participants[peer.id];
        const next: Participant = existing
          ? { ...existing, ...peer }
          : {
              ...peer,
              camera: null,
              screen: null,
              connection: 'new',
              problem: null,
              unreachable: false,
            };
        return { participants: { ...state.participants, [peer.id]: next } };
      }),
    removeParticipant: (id) =>
      set((state) => {
        if (!state.participants[id]) return state;
        const { [id]: _removed, ...rest } = state.participants;
        return { participants: rest };
      }),
    clearParticipants: () => set({ participants: {} }),
    setParticipantMedia: (id, media) => patch(id, { media }),
    setParticipantStreams: (id, streams) =>
      patch(id, { camera: streams.camera, screen: streams.screen }),
    setParticipantConnection: (id, connection) =>
      patch(
        id,
        connection === 'connected'
          ? { connection, problem: null, unreachable: false }
          : { connection },
      ),
    setParticipantProblem: (id, problem) => patch(id, { problem }),
    setParticipantUnreachable: (id, unreachable) =>
      set((state) =>
        state.participants[id]?.unreachable === unreachable
          ? state
          : {
              participants: {
                ...state.participants,
                [id]: { ...state.participants[id], unreachable },
              },
            },
      ),
  };
};

/** One store per room page, created inside its provider. */
export function createRoomStore(roomId: string) {
  return createStore<RoomState>()((...a) => ({
    ...createCallSlice(roomId)(...a),
    ...createParticipantsSlice(...a),
    ...createChatSlice(...a),
    ...createUiSlice(...a),
    ...createSharingSlice(...a),
  }));
}

/** Participants in the order they joined. */
export function selectParticipantList(state: RoomState): Participant[] {
  return Object.values(state.participants).sort(
    (a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id),
  );
}
