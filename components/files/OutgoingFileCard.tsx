'use client';

import { useRoomSession } from '@/hooks/useRoomState';
import { formatBytes } from '@/lib/peer-data/files/fileTransfer';
import type { OutgoingTransfer, Recipient } from '@/lib/store/sharing';

const RECIPIENT: Record<Recipient['state'], string> = {
  offered: 'waiting',
  sending: 'sending',
  done: 'received',
  declined: 'declined',
  failed: 'failed',
};

const HEADLINE: Record<OutgoingTransfer['state'], string> = {
  preparing: 'Preparing…',
  active: 'Sending',
  finished: 'Sent',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/** A file you are sending: each person's progress, and cancel. */
export function OutgoingFileCard({ transfer }: { transfer: OutgoingTransfer }) {
  const session = useRoomSession();
  const { key, name, size, state, recipients } = transfer;
  const moving = state === 'preparing' || state === 'active';
  return (
    <li
      data-testid="file-outgoing"
      data-state={state}
      className="flex flex-col gap-1.5 rounded-lg bg-meet-panel p-3 text-sm shadow-lg"
    >
      <p className="text-neutral-300">You · {HEADLINE[state]}</p>
      <p className="truncate font-medium" title={name}>
        {name} <span className="font-normal text-neutral-300">({formatBytes(size)})</span>
      </p>
      <ul className="flex flex-col gap-1">
        {Object.entries(recipients).map(([id, r]) => (
          <li
            key={id}
            data-testid="file-recipient"
            data-participant-id={id}
            data-state={r.state}
            className="flex items-center gap-2"
          >
            <span className="w-24 truncate">{r.name}</span>
            <progress
              className="h-1.5 min-w-0 flex-1 accent-meet-accent"
              max={size || 1}
              value={r.state === 'done' ? size || 1 : r.bytes}
              aria-label={`${r.name}: ${formatBytes(r.bytes)} of ${formatBytes(size)}`}
            />
            <span className="w-16 text-right text-xs text-neutral-300">{RECIPIENT[r.state]}</span>
          </li>
        ))}
      </ul>
      <div className="flex justify-end">
        <button
          type="button"
          data-testid={moving ? 'file-cancel' : 'file-dismiss'}
          onClick={() => (moving ? session?.cancelFile(key) : session?.dismissFile(key))}
          className="rounded-full bg-meet-tile px-3 py-1 text-sm font-medium hover:bg-neutral-600 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none"
        >
          {moving ? 'Cancel' : 'Dismiss'}
        </button>
      </div>
    </li>
  );
}
