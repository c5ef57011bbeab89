'use client';

import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRoomState } from '@/hooks/useRoomState';
import { orderRaisedHands, type FloatingReaction } from '@/lib/store/sharing';
import { HandIcon } from '@/components/files/sharingIcons';

function FloatingEmoji({ reaction }: { reaction: FloatingReaction }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (still || !ref.current?.animate) return;
    const drift = (reaction.key % 5) * 12 - 24;
    const animation = ref.current.animate(
      [
        { transform: 'translate(0, 0) scale(0.8)', opacity: 0 },
        { transform: `translate(${drift / 2}px, -30%) scale(1.1)`, opacity: 1, offset: 0.15 },
        { transform: `translate(${drift}px, -160%) scale(1)`, opacity: 0 },
      ],
      { duration: 4000, easing: 'ease-out', fill: 'forwards' },
    );
    return () => animation.cancel();
  }, [reaction.key]);
  return (
    <span ref={ref} data-testid="reaction" data-emoji={reaction.emoji} className="text-4xl">
      {reaction.emoji}
    </span>
  );
}

/**
 * On a tile: a raised hand (with its place in the queue) and reactions
 * floating up. `id` is the participant id; for your own tile leave it out.
 */
export function TileHandAndReactions({ id }: { id?: string }) {
  const who = useRoomState((s) => id ?? s.selfId ?? '');
  const place = useRoomState((s) =>
    who in s.hands ? orderRaisedHands(s.hands).indexOf(who) + 1 : 0,
  );
  const reactions = useRoomState(useShallow((s) => s.reactions.filter((r) => r.from === who)));
  return (
    <>
      {place > 0 && (
        <div
          data-testid="hand-raised"
          data-hand-order={place}
          role="img"
          aria-label={`Hand raised, ${place === 1 ? 'first' : `number ${place}`} in line`}
          className="absolute top-2 left-2 z-10 flex items-center gap-1 rounded-full bg-amber-300 px-2 py-1 text-sm font-semibold text-neutral-900 shadow"
        >
          <HandIcon className="h-4 w-4" />
          {place}
        </div>
      )}
      {reactions.length > 0 && (
        <div
          aria-live="polite"
          className="pointer-events-none absolute inset-x-0 bottom-8 z-10 flex justify-center gap-1"
        >
          {reactions.map((r) => (
            <FloatingEmoji key={r.key} reaction={r} />
          ))}
        </div>
      )}
    </>
  );
}
