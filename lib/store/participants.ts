import type { StateCreator } from 'zustand/vanilla';
import type { MediaState, PeerInfo } from '@/lib/protocol';
import type { RoomState } from '@/lib/store';
import type { RemoteMedia } from '@/lib/webrtc/peer';

export interface Participant extends PeerInfo, RemoteMedia {
  connection: RTCPeerConnectionState;
  /** Why this participant cannot be reached, in words for people; null when fine. */
  problem: string | null;
  /** We gave up connecting to this participant (after retries); a person may retry. */
  unreachable: boolean;
}

/** Everyone else in the call, by participant id. */
export interface ParticipantsSlice {
  participants: Record<string, Participant>;
  addParticipant(peer: PeerInfo): void;
  removeParticipant(id: string): void;
  /** This slice's reset: nobody else in the call. */
  clearParticipants(): void;
  setParticipantMedia(id: string, media: MediaState): void;
  setParticipantStreams(id: string, streams: RemoteMedia): void;
  setParticipantConnection(id: string, connection: RTCPeerConnectionState): void;
  setParticipantProblem(id: string, problem: string | null): void;
  setParticipantUnreachable(id: string, unreachable: boolean): void;
}

/** Nobody else yet, as a call starts. */
export const initialParticipants = (): Pick<ParticipantsSlice, 'participants'> => ({
  participants: {},
});

export const createParticipantsSlice: StateCreator<RoomState, [], [], ParticipantsSlice> = (
  set,
) => {
  const patch = (id: string, change: Partial<Participant>) =>
    set((state) => {
      const current = state.participants[id];
      if (!current) return state;
      return { participants: { ...state.participants, [id]: { ...current, ...change } } };
    });
  return {
    ...initialParticipants(),
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
    clearParticipants: () => set(initialParticipants()),
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
      set((state) => {
        const current = state.participants[id];
        // Nothing for someone who already left (a late event), nor when nothing changes.
        if (!current || current.unreachable === unreachable) return state;
        return { participants: { ...state.participants, [id]: { ...current, unreachable } } };
      }),
  };
};

/** Participants in the order they joined. */
export function selectParticipantList(
  state: Pick<ParticipantsSlice, 'participants'>,
): Participant[] {
  return Object.values(state.participants).sort(
    (a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id),
  );
}
