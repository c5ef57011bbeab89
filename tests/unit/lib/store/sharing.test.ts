import { describe, expect, it } from 'vitest';
import { createRoomStore } from '@/lib/store';
import { orderRaisedHands } from '@/lib/store/sharing';

describe('sharing slice', () => {
  it('raises and lowers hands; they are listed in the order they went up', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().setHand('carol', 30);
    s().setHand('bob', 10);
    s().setHand('ada', 30);
    expect(orderRaisedHands(s().hands)).toEqual(['bob', 'ada', 'carol']);
    s().setHand('bob', null);
    expect(orderRaisedHands(s().hands)).toEqual(['ada', 'carol']);
    const before = s();
    s().setHand('nobody', null);
    expect(s()).toBe(before);
  });

  it('knows whose data channel is open', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().setDataPeer('bob', true);
    s().setDataPeer('carol', true);
    s().setDataPeer('bob', false);
    expect(s().dataPeers).toEqual({ carol: true });
  });

  it('clears files, hands, reactions and data peers', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().setHand('bob', 1);
    s().setDataPeer('bob', true);
    s().addReaction({ key: 1, from: 'bob', emoji: '👍' });
    s().clearSharing();
    expect(s()).toMatchObject({ transfers: {}, hands: {}, reactions: [], dataPeers: {} });
  });
});
