'use client';

import { useRoomSession, useRoomState } from '@/hooks/useRoomState';

const small =
  'rounded-full px-3 py-1 text-sm font-medium focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none';

/** Hosts: the people in the waiting room, to let in or turn away, one by one or all. */
export function KnockList() {
  const session = useRoomSession();
  const knocks = useRoomState((s) => s.knocks);
  if (knocks.length === 0) return null;
  return (
    <section data-testid="knock-list" aria-label="Asking to join" className="px-4 pt-3">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-medium tracking-wide text-neutral-300 uppercase">
          Asking to join ({knocks.length})
        </h3>
        {knocks.length > 1 && (
          <span className="flex gap-1">
            <button
              type="button"
              data-testid="admit-all"
              onClick={() => session?.admit()}
              className={`${small} text-meet-accent hover:bg-white/10`}
            >
              Admit all
            </button>
            <button
              type="button"
              data-testid="deny-all"
              onClick={() => session?.deny()}
              className={`${small} hover:bg-white/10`}
            >
              Deny all
            </button>
          </span>
        )}
      </div>
      <ul className="mt-1">
        {knocks.map((knock) => (
          <li key={knock.id} data-testid="knock" className="flex items-center gap-2 py-1.5">
            <span className="min-w-0 flex-1 truncate">{knock.displayName}</span>
            <button
              type="button"
              data-testid="admit"
              aria-label={`Admit ${knock.displayName}`}
              onClick={() => session?.admit(knock.id)}
              className={`${small} bg-meet-accent text-neutral-900 hover:bg-blue-300`}
            >
              Admit
            </button>
            <button
              type="button"
              data-testid="deny"
              aria-label={`Deny ${knock.displayName}`}
              onClick={() => session?.deny(knock.id)}
              className={`${small} border border-neutral-500 hover:bg-white/10`}
            >
              Deny
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
