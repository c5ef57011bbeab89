import { describe, expect, it } from 'vitest';
import { createRoomStore } from '@/lib/store';
import { personPinKey, screenPinKey } from '@/lib/view/pinKey';

describe('ui slice', () => {
  it('pins one tile at a time; pinning the pinned tile unpins it', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().togglePin(personPinKey('bob'));
    expect(s().pinnedId).toBe('bob');
    s().togglePin(screenPinKey('bob'));
    expect(s().pinnedId).toBe('screen:bob');
    s().togglePin(screenPinKey('bob'));
    expect(s().pinnedId).toBeNull();
  });

  it('shows the latest four toasts, dismissed by id', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    for (const text of ['1', '2', '3', '4', '5']) s().pushToast(text);
    expect(s().toasts.map((t) => t.text)).toEqual(['2', '3', '4', '5']);
    s().dismissToast(s().toasts[0].id);
    expect(s().toasts.map((t) => t.text)).toEqual(['3', '4', '5']);
  });

  it('numbers toasts per store, not across stores', () => {
    const one = createRoomStore('r');
    const two = createRoomStore('r');
    one.getState().pushToast('a');
    one.getState().pushToast('b');
    two.getState().pushToast('c');
    expect(one.getState().toasts.map((t) => t.id)).toEqual([1, 2]);
    expect(two.getState().toasts.map((t) => t.id)).toEqual([1]);
  });

  it('speaking: others by id, yourself apart; no new state when nothing changes', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().setSpeaking('bob', true);
    s().setSelfSpeaking(true);
    expect(s().speaking).toEqual({ bob: true });
    expect(s().selfSpeaking).toBe(true);
    const before = s();
    s().setSpeaking('bob', true);
    s().setSpeaking('carol', false);
    s().setSelfSpeaking(true);
    expect(s()).toBe(before);
  });

  it('quality per person; the speaker and the self view are choices', () => {
    const store = createRoomStore('r');
    const s = () => store.getState();
    s().setQuality('bob', 'fair');
    s().setSpeakerId('speaker-2');
    s().toggleSelfView();
    expect(s()).toMatchObject({
      quality: { bob: 'fair' },
      speakerId: 'speaker-2',
      selfViewHidden: true,
    });
    const before = s();
    s().setQuality('bob', 'fair');
    expect(s()).toBe(before);
  });
});
