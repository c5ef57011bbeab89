'use client';

import Link from 'next/link';

/** After leaving: rejoin or go home. */
export function LeftScreen({
  onRejoin,
  message,
}: {
  onRejoin: () => void;
  message?: string | null;
}) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 px-6 text-center">
      <h1 className="text-3xl font-semibold">
        {message ? 'Could not join' : 'You left the meeting'}
      </h1>
      {message && (
        <p role="alert" className="max-w-md text-neutral-300">
          {message}
        </p>
      )}
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
