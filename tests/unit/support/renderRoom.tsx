// Renders a component inside a room's provider with a real store and a stand-in session.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { RoomContext } from '@/hooks/useRoomState';
import type { DeviceKind, RoomActions } from '@/lib/call/roomActions';
import type { Reaction } from '@/lib/peer-data/messages';
import { createRoomStore, type RoomStore } from '@/lib/store';
import type { MediaState, PeerInfo } from '@/lib/protocol';

export const ROOM = 'abcd-efgh-jkmn';

/** Every RoomActions method as a spy (typed against the interface); the store is the real one. */
export function fakeSession(store: RoomStore) {
  const toggle = (key: 'micOn' | 'cameraOn') =>
    vi.fn(async () => {
      const local = store.getState().local;
      store.getState().setLocal({ ...local, [key]: !local[key] });
    });
  const session = {
    openLobby: vi.fn(async () => undefined),
    refreshLobbyCount: vi.fn(async () => undefined),
    join: vi.fn(async (_displayName: string, _passcode?: string) => undefined),
    leave: vi.fn(() => undefined),
    rejoin: vi.fn(() => undefined),
    toggleMic: toggle('micOn'),
    toggleCamera: toggle('cameraOn'),
    toggleScreen: vi.fn(async () => undefined),
    setDevice: vi.fn(async (_kind: DeviceKind, _id: string) => undefined),
    setSpeaker: vi.fn((id: string) => store.getState().setSpeakerId(id)),
    toggleNoiseSuppression: vi.fn(() => {
      const effects = store.getState().effects;
      store.getState().setEffects({ ...effects, noiseSuppression: !effects.noiseSuppression });
    }),
    toggleBlur: vi.fn(() => {
      const effects = store.getState().effects;
      store.getState().setEffects({ ...effects, blur: !effects.blur });
    }),
    toggleRecording: vi.fn(async () => {
      store.getState().setRecording({ on: !store.getState().recording.on });
    }),
    sendChat: vi.fn(async (_text: string) => undefined),
    shareFile: vi.fn(async (_file: File): Promise<string | null> => null),
    acceptFile: vi.fn((_key: string) => undefined),
    declineFile: vi.fn((_key: string) => undefined),
    cancelFile: vi.fn((_key: string) => undefined),
    dismissFile: vi.fn((_key: string) => undefined),
    raiseHand: vi.fn((_raised: boolean) => undefined),
    react: vi.fn((_emoji: Reaction) => true),
    retryConnection: vi.fn((_id: string) => undefined),
    setRoomLocked: vi.fn((_locked: boolean) => undefined),
    setWaitingRoom: vi.fn((_on: boolean) => undefined),
    admit: vi.fn((_knockId?: string) => undefined),
    deny: vi.fn((_knockId?: string) => undefined),
    removeParticipant: vi.fn((_id: string, _lock?: boolean) => undefined),
    askToMute: vi.fn((_id?: string) => undefined),
    askCameraOff: vi.fn((_id: string) => undefined),
    makeHost: vi.fn((_id: string) => undefined),
    setPasscode: vi.fn((_passcode: string | null) => undefined),
    endMeeting: vi.fn(() => undefined),
    answerCameraRequest: vi.fn((_turnOff: boolean) => undefined),
  } satisfies RoomActions;
  return session;
}

export function renderInRoom(ui: ReactElement, store = createRoomStore(ROOM)) {
  const session = fakeSession(store);
  const result = render(
    <RoomContext.Provider value={{ store, session }}>{ui}</RoomContext.Provider>,
  );
  return { ...result, store, session };
}

let joined = 1;
export function peer(name: string, media: Partial<MediaState> = {}, id?: string): PeerInfo {
  return {
    id: id ?? `peer-${name.toLowerCase().replace(/[^a-z]/g, '')}-${joined}xx`,
    displayName: name,
    media: { camera: false, mic: true, screen: false, ...media },
    joinedAt: joined++,
  };
}
