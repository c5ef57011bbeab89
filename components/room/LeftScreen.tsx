'use client';

import Link from 'next/link';
import { RecordingOffer } from './RecordingOffer';
import type { LeftReason } from '@/lib/store';

const CLOSED = {
  removed: 'You were removed from the meeting',
  ended: 'The host ended the meeting',
};

/** After leaving (or being removed, or the meeting ending): rejoin or go home. */
export function LeftScreen({
  onRejoin,
  message,
  reason = null,
}: {
  onRejoin: () => void;
  message?: string | null;
  reason?: LeftReason;
}) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 px-6 text-center">
      <h1 data-testid="left-title" className="text-3xl font-semibold">
        {message ? 'Could not join' : reason ? CLOSED[reason] : 'You left the meeting'}
      </h1>
      {message && (
        <p role="alert" className="max-w-md text-neutral-300">
          {message}
        </p>
      )}
      <RecordingOffer />
      <div className="flex gap-3">
        <button
          type="button"
          data-testid="rejoin"
          onClick={onRejoin}
          className="rounded-full border border-neutral-500 px-5 py-2 font-medium text-meet-accent hover:bg-white/5"
        >
          {message ? 'Try again' : 'Rejoin'}
        </button>
        <Link
          href="/"
          className="rounded-full bg-meet-accent px-5 py-2 font-medium text-neutral-900 hover:bg-blue-300"
        >
          Return to home screen
        </Link>
      </div>
    </main>
  );
}
