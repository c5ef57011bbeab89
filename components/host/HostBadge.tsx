'use client';

import { useRoomState } from '@/hooks/useRoomState';

/** "Host" beside a name, for a participant whose seat has host rights (null: yourself). */
export function HostBadge({ id, className = '' }: { id: string | null; className?: string }) {
  const host = useRoomState((s) => {
    const who = id ?? s.selfId;
    return who !== null && s.roomControl.hosts.includes(who);
  });
  if (!host) return null;
  return (
    <span
      data-testid="host-badge"
      className={`shrink-0 rounded bg-meet-accent px-1.5 text-xs font-medium text-neutral-900 ${className}`}
    >
      Host
    </span>
  );
}
