// @vitest-environment node
import { TokenBucket } from '@/lib/util/tokenBucket';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  HandsAndReactions,
  REACTION_MS,
  type HandOrReaction,
} from '@/lib/peer-data/handsAndReactions';
import { orderRaisedHands } from '@/lib/store/sharing';
import { createRoomStore } from '@/lib/store';

afterEach(() => vi.useRealTimers());

function person(selfId: string, others: string[], now: () => number) {
  const store = createRoomStore('r');
  for (const id of others) {
    store.getState().addParticipant({
      id,
      displayName: id,
      joinedAt: 0,
      media: { camera: false, mic: false, screen: false },
    });
  }
  const sent: { to: string | '*'; message: HandOrReaction }[] = [];
  const hands = new HandsAndReactions({
    store,
    selfId,
    now,
    broadcast: (message) => sent.push({ to: '*', message }),
    sendTo: (to, message) => sent.push({ to, message }),
  });
  return { store, hands, sent };
}

describe('raised hands and reactions', () => {
  test('everyone orders hands by raise time, whatever order the messages came in', () => {
    let clock = 1000;
    const now = () => clock;
    const ann = person('ann', ['bob', 'cat'], now);
    const cat = person('cat', ['ann', 'bob'], now);
    ann.hands.handleMessage('bob', { t: 'hand', at: 500 });
    ann.hands.setHand(true); // at 1000
    cat.hands.handleMessage('ann', { t: 'hand', at: 1000 });
    cat.hands.handleMessage('bob', { t: 'hand', at: 500 });
    clock = 2000;
    cat.hands.setHand(true);
    ann.hands.handleMessage('cat', { t: 'hand', at: 2000 });
    expect(orderRaisedHands(ann.store.getState().hands)).toEqual(['bob', 'ann', 'cat']);
    expect(orderRaisedHands(cat.store.getState().hands)).toEqual(['bob', 'ann', 'cat']);
    ann.hands.setHand(false);
    expect(ann.sent.at(-1)).toEqual({ to: '*', message: { t: 'hand', at: null } });
    cat.hands.handleMessage('ann', { t: 'hand', at: null });
    expect(orderRaisedHands(cat.store.getState().hands)).toEqual(['bob', 'cat']);
  });

  test('a late joiner is told our raised hand when their channel opens', () => {
    const ann = person('ann', ['bob'], () => 42);
    ann.hands.peerConnected('bob');
    expect(ann.sent).toEqual([]);
    ann.hands.setHand(true);
    ann.hands.peerConnected('eve');
    expect(ann.sent.at(-1)).toEqual({ to: 'eve', message: { t: 'hand', at: 42 } });
  });

  test('a peer who leaves takes their hand down', () => {
    const ann = person('ann', ['bob'], () => 1);
    ann.hands.handleMessage('bob', { t: 'hand', at: 5 });
    ann.hands.peerGone('bob');
    expect(ann.store.getState().hands).toEqual({});
  });

  test('reactions float for a few seconds and are rate-limited on both ends', () => {
    vi.useFakeTimers();
    let clock = 0;
    const ann = person('ann', ['bob'], () => clock);
    const sent = [1, 2, 3, 4, 5, 6].map(() => ann.hands.react('👍'));
    expect(sent).toEqual([true, true, true, true, false, false]);
    clock += 1000;
    expect(ann.hands.react('🎉')).toBe(true);
    for (let i = 0; i < 10; i++) ann.hands.handleMessage('bob', { t: 'reaction', emoji: '❤️' });
    const fromBob = ann.store.getState().reactions.filter((r) => r.from === 'bob');
    expect(fromBob).toHaveLength(4);
    vi.advanceTimersByTime(REACTION_MS);
    expect(ann.store.getState().reactions).toEqual([]);
  });

  test('the rate limiter refills over time', () => {
    let clock = 0;
    const limiter = new TokenBucket(2, 10, () => clock);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, false]);
    clock = 100;
    expect(limiter.take()).toBe(true);
  });
});
