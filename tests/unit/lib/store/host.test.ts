import { describe, expect, it } from 'vitest';
import { createRoomStore, selectIsHost } from '@/lib/store';

describe('host slice', () => {
  it('knows whether your seat is a host; leaving resets it all', () => {
    const store = createRoomStore('abcd-efgh-jkmn');
    const s = () => store.getState();
    s().setSelf('me-000000001', 'Hana');
    expect(selectIsHost(s())).toBe(false);
    s().setRoomControl({
      hosts: ['me-000000001'],
      locked: true,
      waitingRoom: true,
      passcodeRequired: false,
    });
    s().setKnocks([{ id: 'knock-aaaaaaaa', displayName: 'Kim', at: 1 }]);
    s().setLobbyStatus('knocking');
    s().setCameraRequest('host-0000001');
    expect(selectIsHost(s())).toBe(true);
    s().resetCall();
    expect(s().roomControl).toEqual({
      hosts: [],
      locked: false,
      waitingRoom: false,
      passcodeRequired: false,
    });
    expect([s().knocks, s().lobbyStatus, s().cameraRequest, s().leftReason]).toEqual([
      [],
      null,
      null,
      null,
    ]);
  });
});
