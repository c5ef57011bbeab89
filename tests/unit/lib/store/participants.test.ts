import { describe, expect, it } from 'vitest';
import { createRoomStore, selectParticipantList } from '@/lib/store';
import type { PeerInfo } from '@/lib/protocol';

const peer = (id: string, joinedAt: number): PeerInfo => ({
  id,
  displayName: id.toUpperCase(),
  media: { camera: true, mic: true, screen: false },
  joinedAt,
});

describe('participants slice', () => {
  it('adds someone with no media yet and a new connection; adding again updates, keeping streams', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().addParticipant(peer('bob', 1));
    expect(s().participants.bob).toMatchObject({
      displayName: 'BOB',
      camera: null,
      screen: null,
      connection: 'new',
      problem: null,
      unreachable: false,
    });
    const camera = {} as MediaStream;
    s().setParticipantStreams('bob', { camera, screen: null });
    s().addParticipant({ ...peer('bob', 1), displayName: 'Bobby' });
    expect(s().participants.bob).toMatchObject({ displayName: 'Bobby', camera });
  });

  it('lists people in the order they joined, ties by id', () => {
    const store = createRoomStore('r');
    for (const p of [peer('c', 2), peer('b', 1), peer('a', 2)]) store.getState().addParticipant(p);
    expect(selectParticipantList(store.getState()).map((p) => p.id)).toEqual(['b', 'a', 'c']);
  });

  it('a connection that comes up clears its problem and the give-up', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().addParticipant(peer('bob', 1));
    s().setParticipantProblem('bob', 'Their network blocks calls.');
    s().setParticipantUnreachable('bob', true);
    s().setParticipantConnection('bob', 'failed');
    expect(s().participants.bob).toMatchObject({
      connection: 'failed',
      problem: 'Their network blocks calls.',
      unreachable: true,
    });
    s().setParticipantConnection('bob', 'connected');
    expect(s().participants.bob).toMatchObject({
      connection: 'connected',
      problem: null,
      unreachable: false,
    });
  });

  it('ignores news about someone who is not (or no longer) here', () => {
    const store = createRoomStore('r');
    const before = store.getState();
    before.setParticipantMedia('ghost', { camera: true, mic: true, screen: true });
    before.setParticipantConnection('ghost', 'connected');
    before.setParticipantUnreachable('ghost', true);
    before.removeParticipant('ghost');
    expect(store.getState()).toBe(before);
    expect(store.getState().participants).toEqual({});
  });

  it('removes one person, or everyone', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().addParticipant(peer('a', 1));
    s().addParticipant(peer('b', 2));
    s().removeParticipant('a');
    expect(Object.keys(s().participants)).toEqual(['b']);
    s().clearParticipants();
    expect(s().participants).toEqual({});
  });
});
