'use client';

import { useMemo } from 'react';
import { useRoomState } from '@/hooks/useRoomState';
import { orderRaisedHands } from '@/lib/store/sharing';
import { HandIcon } from '@/components/files/sharingIcons';

/** Raised hands, first raised first, for the participants panel. */
export function RaisedHands() {
  const hands = useRoomState((s) => s.hands);
  const selfId = useRoomState((s) => s.selfId);
  const participants = useRoomState((s) => s.participants);
  const order = useMemo(() => orderRaisedHands(hands), [hands]);
  if (order.length === 0) return null;
  return (
    <section aria-label="Raised hands" className="px-4 pt-4">
      <h3 className="pb-1 text-xs font-medium tracking-wide text-neutral-300 uppercase">
        Raised hands ({order.length})
      </h3>
      <ol className="flex flex-col gap-1">
        {order.map((id, i) => (
          <li
            key={id}
            data-testid="hand-row"
            data-participant-id={id}
            className="flex items-center gap-2 rounded-lg bg-amber-300/10 px-2 py-1.5"
          >
            <span className="w-4 text-right text-sm text-neutral-300">{i + 1}</span>
            <HandIcon className="h-4 w-4 text-amber-300" />
            <span className="truncate">
              {id === selfId ? 'You' : (participants[id]?.displayName ?? 'Someone')}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
