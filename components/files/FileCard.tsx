'use client';

import { useRoomSession } from '@/hooks/useRoomState';
import { formatBytes } from '@/lib/peer-data/files/fileTransfer';
import type { IncomingTransfer } from '@/lib/store/sharing';

const button =
  'rounded-full px-3 py-1 text-sm font-medium focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none';

const STATUS: Record<IncomingTransfer['state'], string> = {
  offered: 'wants to send you',
  receiving: 'Receiving…',
  done: 'Ready to save',
  failed: 'Failed',
  declined: 'Declined',
};

/** A file someone offered you: accept or decline, progress, then a download link. Never opens by itself. */
export function FileCard({ transfer }: { transfer: IncomingTransfer }) {
  const session = useRoomSession();
  const { key, name, size, fromName, state, bytes, url, error } = transfer;
  return (
    <li
      data-testid="file-card"
      data-state={state}
      className="flex flex-col gap-1.5 rounded-lg bg-meet-panel p-3 text-sm shadow-lg"
    >
      <p className="text-neutral-300">
        <span className="font-medium text-neutral-100">{fromName}</span>{' '}
        {state === 'offered' ? STATUS.offered : `· ${STATUS[state]}`}
      </p>
      <p className="truncate font-medium" title={name}>
        {name} <span className="font-normal text-neutral-300">({formatBytes(size)})</span>
      </p>
      {state === 'receiving' && (
        <progress
          data-testid="file-progress"
          className="h-1.5 w-full accent-meet-accent"
          max={size}
          value={bytes}
          aria-label={`${name}: ${formatBytes(bytes)} of ${formatBytes(size)}`}
        />
      )}
      {error && <p className="text-amber-200">{error}</p>}
      <div className="flex flex-wrap justify-end gap-2">
        {state === 'offered' && (
          <>
            <button
              type="button"
              data-testid="file-decline"
              onClick={() => session?.declineFile(key)}
              className={`${button} bg-meet-tile hover:bg-neutral-600`}
            >
              Decline
            </button>
            <button
              type="button"
              data-testid="file-accept"
              onClick={() => session?.acceptFile(key)}
              className={`${button} bg-meet-accent text-neutral-900 hover:bg-blue-300`}
            >
              Accept
            </button>
          </>
        )}
        {state === 'receiving' && (
          <button
            type="button"
            data-testid="file-stop"
            onClick={() => session?.declineFile(key)}
            className={`${button} bg-meet-tile hover:bg-neutral-600`}
          >
            Stop
          </button>
        )}
        {state === 'done' && url && (
          <a
            data-testid="file-download"
            href={url}
            download={name}
            className={`${button} bg-meet-accent text-neutral-900 hover:bg-blue-300`}
          >
            Download
          </a>
        )}
        {(state === 'done' || state === 'failed' || state === 'declined') && (
          <button
            type="button"
            data-testid="file-dismiss"
            onClick={() => session?.dismissFile(key)}
            className={`${button} bg-meet-tile hover:bg-neutral-600`}
          >
            Dismiss
          </button>
        )}
      </div>
    </li>
  );
}
