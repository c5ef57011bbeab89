// @vitest-environment node
import { describe, expect, test, vi } from 'vitest';
import { parsePeerMessage } from '@/lib/peer-data/messageSchema';
import type { PeerMessage } from '@/lib/peer-data/messages';
import { PeerData } from '@/lib/peer-data/peerData';
import { createRoomStore } from '@/lib/store';
import { Emitter } from '@/lib/util/emitter';
import type { MeshEvents } from '@/lib/webrtc/mesh';
import type { PeerChannels } from '@/lib/webrtc/channels';

/** The Mesh as PeerData sees it: channel events we fire by hand, no channels. */
class FakeMesh extends Emitter<MeshEvents> {
  channels(_id: string): PeerChannels | undefined {
    return undefined;
  }
  broadcastControl(_message: object): void {}
  fire<E extends keyof MeshEvents>(event: E, ...args: MeshEvents[E]): void {
    this.emit(event, ...args);
  }
}

function storeWithBob() {
  const store = createRoomStore('r');
  store.getState().addParticipant({
    id: 'bob',
    displayName: 'Bob',
    joinedAt: 0,
    media: { camera: false, mic: false, screen: false },
  });
  return store;
}

function setup() {
  const store = storeWithBob();
  const mesh = new FakeMesh();
  let loaded!: (parse: (raw: unknown) => PeerMessage | null) => void;
  const parser = new Promise<(raw: unknown) => PeerMessage | null>((resolve) => {
    loaded = resolve;
  });
  const data = new PeerData(mesh, store, 'me', () => parser);
  return { store, mesh, data, parser, load: () => loaded(parsePeerMessage) };
}

describe('PeerData', () => {
  test('channel events wait for the validator, then run in the order they came', async () => {
    const { store, mesh, load } = setup();
    mesh.fire('channel-open', 'bob');
    expect(store.getState().dataPeers).toEqual({ bob: true });
    mesh.fire('channel-control', 'bob', { t: 'hand', at: 7 });
    mesh.fire('channel-control', 'bob', {
      t: 'file-offer',
      id: 'abcdefgh',
      name: 'a.txt',
      size: 3,
      mime: '',
      sha256: 'f'.repeat(64),
    });
    mesh.fire('channel-control', 'bob', { t: 'hand', at: 'soon' });
    mesh.fire('channel-close', 'bob');
    expect(store.getState().dataPeers).toEqual({});
    expect(store.getState().hands).toEqual({});
    expect(store.getState().transfers).toEqual({});
    load();
    // The offer came, then bob left: the card says so; his hand went up, then down.
    await vi.waitFor(() =>
      expect(store.getState().transfers['bob/abcdefgh']).toMatchObject({ state: 'failed' }),
    );
    expect(store.getState().transfers['bob/abcdefgh'].direction).toBe('in');
    expect(store.getState().hands).toEqual({});
  });

  test('once loaded, messages are handled at once and invalid ones dropped', async () => {
    const { store, mesh, load } = setup();
    load();
    await vi.waitFor(() => {
      mesh.fire('channel-control', 'bob', { t: 'hand', at: 7 });
      expect(store.getState().hands).toEqual({ bob: 7 });
    });
    mesh.fire('channel-control', 'bob', { t: 'hand', at: null });
    expect(store.getState().hands).toEqual({});
    mesh.fire('channel-control', 'bob', { t: 'hand', at: -1 });
    mesh.fire('channel-control', 'bob', { t: 'reaction', emoji: '<b>' });
    expect(store.getState().hands).toEqual({});
    expect(store.getState().reactions).toEqual([]);
  });

  test('after dispose, nothing waiting runs', async () => {
    const { store, mesh, data, parser, load } = setup();
    mesh.fire('channel-control', 'bob', { t: 'hand', at: 7 });
    data.dispose();
    // A second PeerData on the same parser load sees it after the first one does.
    const later = storeWithBob();
    new PeerData(mesh, later, 'me', () => parser);
    load();
    mesh.fire('channel-control', 'bob', { t: 'hand', at: 8 });
    await vi.waitFor(() => expect(later.getState().hands).toEqual({ bob: 8 }));
    expect(store.getState().hands).toEqual({});
  });
});
