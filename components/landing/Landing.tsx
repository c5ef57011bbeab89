'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { markCreating } from '@/lib/call/hostKeys';
import { generateRoomId, parseRoomCode } from '@/lib/view/roomId';

export function Landing() {
  const router = useRouter();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  // The first entry of the new room asks for its host key (kept in this browser only).
  const create = () => {
    const roomId = generateRoomId();
    markCreating(roomId);
    router.push(`/${roomId}`);
  };

  const join = (event: FormEvent) => {
    event.preventDefault();
    const roomId = parseRoomCode(code);
    if (!roomId) {
      setError('That is not a meeting code or link. A code looks like abcd-efgh-jkmn.');
      return;
    }
    router.push(`/${roomId}`);
  };

  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-8 px-6 py-12">
      <div className="space-y-3">
        <h1 className="text-4xl font-semibold tracking-tight sm:text-5xl">
          Video calls, browser to browser
        </h1>
        <p className="max-w-xl text-lg text-neutral-300">
          Parley connects everyone in a meeting directly. Nothing to install, nothing to sign up
          for: start a meeting and share the link.
        </p>
      </div>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <button
          type="button"
          data-testid="create-room"
          onClick={create}
          className="rounded-full bg-meet-accent px-6 py-3 font-medium text-neutral-900 hover:bg-blue-300 focus:ring-2 focus:ring-white focus:outline-none"
        >
          New meeting
        </button>
        <form onSubmit={join} className="flex flex-1 flex-col gap-2" noValidate>
          <div className="flex gap-2">
            <label htmlFor="room-code" className="sr-only">
              Meeting code or link
            </label>
            <input
              id="room-code"
              data-testid="room-code-input"
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                setError(null);
              }}
              placeholder="Enter a code or link"
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'room-code-error' : undefined}
              className="min-w-0 flex-1 rounded-full border border-neutral-500 bg-transparent px-4 py-3 placeholder:text-neutral-400 focus:border-meet-accent focus:outline-none"
            />
            <button
              type="submit"
              data-testid="join-code"
              disabled={!code.trim()}
              className="rounded-full px-5 py-3 font-medium text-meet-accent hover:bg-white/5 disabled:text-neutral-500"
            >
              Join
            </button>
          </div>
          {error && (
            <p id="room-code-error" role="alert" className="px-4 text-sm text-red-300">
              {error}
            </p>
          )}
        </form>
      </div>
    </main>
  );
}
