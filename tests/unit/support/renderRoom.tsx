// Renders a component inside a room's provider with a real store and a stand-in session.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { RoomContext } from '@/hooks/useRoomState';
import type { RoomSession } from '@/lib/call/roomSession';
import { createRoomStore, emptyLocalMedia, type RoomStore } from '@/lib/store';
import type { MediaState, PeerInfo } from '@/lib/protocol';

export const ROOM = 'abcd-efgh-jkmn';

/** The RoomSession methods the UI calls, as spies; the store is the real one. */
export function fakeSession(store: RoomStore) {
  const media = { snapshot: emptyLocalMedia, useDevice: vi.fn(async () => undefined) };
  const session = {
    media,
    toggleMic: vi.fn(async () => {
      const local = store.getState().local;
      store.getState().setLocal({ ...local, micOn: !local.micOn });
    }),
    toggleCamera: vi.fn(async () => {
      const local = store.getState().local;
      store.getState().setLocal({ ...local, cameraOn: !local.cameraOn });
    }),
    toggleScreen: vi.fn(async () => undefined),
    leave: vi.fn(),
    join: vi.fn(async () => undefined),
    startPreview: vi.fn(async () => undefined),
    refreshLobbyCount: vi.fn(async () => undefined),
    sendChat: vi.fn(async (_text: string) => undefined),
    peerConnection: vi.fn(() => null),
    retryConnection: vi.fn((_id: string) => undefined),
  };
  return session;
}

export function renderInRoom(ui: ReactElement, store = createRoomStore(ROOM)) {
  const session = fakeSession(store);
  const result = render(
    <RoomContext.Provider value={{ store, session: session as unknown as RoomSession }}>
      {ui}
    </RoomContext.Provider>,
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
