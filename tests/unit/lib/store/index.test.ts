// The store's cross-slice actions: each one's writes across slices, as documented in lib/store/index.ts.
import { describe, expect, it } from 'vitest';
import type { ChatMessage, PeerInfo } from '@/lib/protocol';
import { createRoomStore } from '@/lib/store';
import { personPinKey } from '@/lib/view/pinKey';

const message = (id: string, from: string): ChatMessage => ({
  id,
  from,
  displayName: from,
  text: id,
  sentAt: 1,
});

const bob: PeerInfo = {
  id: 'bob-1111',
  displayName: 'Bob',
  media: { camera: true, mic: true, screen: false },
  joinedAt: 1,
};

function storeInCall() {
  const store = createRoomStore('r');
  const s = store.getState();
  s.setSelf('me-0000', 'Ada');
  s.setPhase('in-call');
  s.addParticipant(bob);
  s.togglePin(personPinKey(bob.id));
  s.setSpeaking(bob.id, true);
  s.setSelfSpeaking(true);
  s.setQuality(bob.id, 'good');
  return store;
}

describe('setPhase', () => {
  it('leaving the call drops the call view (pin, speaking, quality), nothing else', () => {
    const store = storeInCall();
    store.getState().pushToast('Bob joined');
    store.getState().setPhase('failed', 'Lost the server.');
    expect(store.getState()).toMatchObject({
      phase: 'failed',
      error: 'Lost the server.',
      pinnedId: null,
      speaking: {},
      selfSpeaking: false,
      quality: {},
      participants: { [bob.id]: { displayName: 'Bob' } },
    });
    expect(store.getState().toasts).toHaveLength(1);
  });

  it('entering the call keeps the view and clears the error', () => {
    const store = storeInCall();
    store.getState().setPhase('in-call');
    expect(store.getState()).toMatchObject({ pinnedId: bob.id, error: null, selfSpeaking: true });
  });
});

describe('addChatMessage and the chat panel', () => {
  it('counts messages from others while the chat panel is closed; yours never', () => {
    const store = storeInCall();
    const s = () => store.getState();
    s().addChatMessage(message('1', bob.id));
    s().addChatMessage(message('2', 'me-0000'));
    expect(s().unread).toBe(1);
    s().setPanel('people');
    s().addChatMessage(message('3', bob.id));
    expect(s().unread).toBe(2);
    s().togglePanel('chat');
    expect(s()).toMatchObject({ panel: 'chat', unread: 0 });
    s().addChatMessage(message('4', bob.id));
    expect(s().unread).toBe(0);
    s().togglePanel('chat');
    expect(s().panel).toBeNull();
    expect(s().messages).toHaveLength(4);
  });
});

describe('resetCall', () => {
  it('returns everything call-scoped to how a call starts, and keeps your choices', () => {
    const store = storeInCall();
    const s = () => store.getState();
    s().addChatMessage(message('1', bob.id));
    s().setPanel('people');
    s().pushToast('Bob joined');
    s().setHand(bob.id, 1);
    s().setDataPeer(bob.id, true);
    s().toggleSelfView();
    s().setSpeakerId('speaker-2');

    s().resetCall();

    expect(s()).toMatchObject({
      participants: {},
      messages: [],
      unread: 0,
      pinnedId: null,
      panel: null,
      speaking: {},
      selfSpeaking: false,
      quality: {},
      toasts: [],
      transfers: {},
      hands: {},
      reactions: [],
      dataPeers: {},
      selfViewHidden: true,
      speakerId: 'speaker-2',
      // The call slice is its owners' to set: RoomSession moves the phase next.
      phase: 'in-call',
      selfId: 'me-0000',
      displayName: 'Ada',
    });
  });
});
