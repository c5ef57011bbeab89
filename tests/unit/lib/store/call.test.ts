import { describe, expect, it } from 'vitest';
import { createRoomStore, emptyLocalMedia } from '@/lib/store';

describe('call slice', () => {
  it('starts in the lobby of its room, offline, nobody known', () => {
    const state = createRoomStore('abcd-efgh-jkmn').getState();
    expect(state).toMatchObject({
      roomId: 'abcd-efgh-jkmn',
      phase: 'lobby',
      error: null,
      selfId: null,
      displayName: '',
      link: 'offline',
      local: emptyLocalMedia,
      lobbyCount: null,
      lobbyCapacity: null,
    });
  });

  it('sets who you are, the link and your media', () => {
    const store = createRoomStore('r');
    const mic = { kind: 'audio' } as MediaStreamTrack;
    store.getState().setSelf('me-1234', 'Ada');
    store.getState().setLink('reconnecting');
    store.getState().setLocal({ ...emptyLocalMedia, mic, micOn: true });
    expect(store.getState()).toMatchObject({
      selfId: 'me-1234',
      displayName: 'Ada',
      link: 'reconnecting',
      local: { mic, micOn: true },
    });
  });

  it('keeps the last known capacity when a peek tells only the count', () => {
    const store = createRoomStore('r');
    store.getState().setLobbyCount(3, 8);
    store.getState().setLobbyCount(null);
    expect(store.getState()).toMatchObject({ lobbyCount: null, lobbyCapacity: 8 });
  });
});
