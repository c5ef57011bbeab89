'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { cleanDisplayName, LIMITS } from '@/lib/protocol/limits';
import { DeviceSettings } from './DeviceSettings';
import { LobbyGate } from './LobbyGate';
import { LobbyPreview } from './LobbyPreview';
import { MeetingInfo } from '@/components/ui/MeetingInfo';

function countLine(count: number | null): string {
  if (count === null) return 'Checking who is here…';
  if (count === 0) return 'No one else is here yet';
  return count === 1 ? '1 person is in this call' : `${count} people are in this call`;
}

/** Before joining: camera preview, mic / camera / device choices, display name, who is here. */
export function Lobby() {
  const session = useRoomSession();
  const lobbyCount = useRoomState((s) => s.lobbyCount);
  const capacity = useRoomState((s) => s.lobbyCapacity);
  const joining = useRoomState((s) => s.phase === 'joining');
  const knocking = useRoomState((s) => s.lobbyStatus === 'knocking');
  const remembered = useRoomState((s) => s.displayName);
  const [name, setName] = useState('');
  const [passcode, setPasscode] = useState('');
  const full = lobbyCount !== null && capacity !== null && lobbyCount >= capacity;

  useEffect(() => {
    void session?.openLobby();
  }, [session]);
  useEffect(() => setName((current) => current || remembered), [remembered]);

  const cleaned = cleanDisplayName(name);
  const join = (event: FormEvent) => {
    event.preventDefault();
    if (!session || !cleaned) return;
    void (passcode ? session.join(cleaned, passcode) : session.join(cleaned));
  };

  return (
    <main className="mx-auto flex min-h-dvh max-w-6xl flex-col items-center justify-center gap-6 p-4 md:flex-row md:gap-10">
      <div className="flex w-full max-w-xl flex-col gap-3">
        <LobbyPreview />
        <DeviceSettings />
      </div>
      <form
        onSubmit={join}
        className="flex w-full max-w-sm flex-col items-center gap-4 text-center"
      >
        <h1 className="text-3xl">Ready to join?</h1>
        <p data-testid="lobby-count" className="text-neutral-300">
          {countLine(lobbyCount)}
        </p>
        {full && (
          <p role="alert" className="rounded-lg bg-red-900/60 p-3 text-sm text-red-100">
            This call is full ({capacity} people). You can join when someone leaves.{' '}
            <button
              type="button"
              onClick={() => void session?.refreshLobbyCount()}
              className="underline"
            >
              Check again
            </button>
          </p>
        )}
        <label className="w-full text-left text-sm text-neutral-300" htmlFor="display-name">
          Your name
        </label>
        <input
          id="display-name"
          data-testid="display-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={LIMITS.displayName}
          autoComplete="name"
          placeholder="What should people call you?"
          className="w-full rounded-md border border-neutral-500 bg-transparent px-4 py-3 placeholder:text-neutral-400 focus:border-meet-accent focus:outline-none"
        />
        <LobbyGate passcode={passcode} onPasscode={setPasscode} />
        <button
          type="submit"
          data-testid="join-button"
          disabled={!session || !cleaned || joining || full}
          className="rounded-full bg-meet-accent px-8 py-3 font-medium text-neutral-900 hover:bg-blue-300 disabled:bg-neutral-600 disabled:text-neutral-200"
        >
          {knocking ? 'Waiting to be let in…' : joining ? 'Joining…' : 'Join now'}
        </button>
        <div className="w-full">
          <MeetingInfo compact />
        </div>
      </form>
    </main>
  );
}
