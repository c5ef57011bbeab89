import type { StateCreator } from 'zustand/vanilla';
import type { Knock, RoomControlState } from '@/lib/protocol';
import type { RoomState } from '@/lib/store';

/** What the lobby tells someone who asked to join and is not in yet. */
export type LobbyStatus = 'knocking' | 'denied' | 'locked' | 'passcode' | 'passcode-wrong' | null;
/** Why the call ended for us when it was not our own leave. */
export type LeftReason = 'removed' | 'ended' | null;

/** Who may do what in this room: hosts, lock, waiting room, passcode, knocks, host requests. */
export interface HostSlice {
  roomControl: RoomControlState;
  /** People in the waiting room (hosts only get these). */
  knocks: Knock[];
  lobbyStatus: LobbyStatus;
  leftReason: LeftReason;
  /** A host asked us to turn the camera off: their id, until we answer. */
  cameraRequest: string | null;
  setRoomControl(state: RoomControlState): void;
  setKnocks(knocks: Knock[]): void;
  setLobbyStatus(status: LobbyStatus): void;
  setLeftReason(reason: LeftReason): void;
  setCameraRequest(from: string | null): void;
}

/** Nobody is host, nothing locked, nobody waiting: how a call starts (and after leaving). */
export const initialHost = (): Pick<
  HostSlice,
  'roomControl' | 'knocks' | 'lobbyStatus' | 'leftReason' | 'cameraRequest'
> => ({
  roomControl: { hosts: [], locked: false, waitingRoom: false, passcodeRequired: false },
  knocks: [],
  lobbyStatus: null,
  leftReason: null,
  cameraRequest: null,
});

export const createHostSlice: StateCreator<RoomState, [], [], HostSlice> = (set) => ({
  ...initialHost(),
  setRoomControl: (roomControl) => set({ roomControl }),
  setKnocks: (knocks) => set({ knocks }),
  setLobbyStatus: (lobbyStatus) => set({ lobbyStatus }),
  setLeftReason: (leftReason) => set({ leftReason }),
  setCameraRequest: (cameraRequest) => set({ cameraRequest }),
});

/** Whether this person's seat has host rights. */
export function selectIsHost(state: Pick<RoomState, 'selfId' | 'roomControl'>): boolean {
  return state.selfId !== null && state.roomControl.hosts.includes(state.selfId);
}
