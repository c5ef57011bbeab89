'use client';

import { useRoomState } from '@/hooks/useRoomState';
import type { LobbyStatus } from '@/lib/store';
import { HOST_LIMITS } from '@/lib/protocol/limits';

const TEXT: Record<Exclude<LobbyStatus, null>, string> = {
  knocking: 'Asking to join…',
  denied: 'You were not let in.',
  locked: 'This meeting is locked.',
  passcode: 'This meeting needs a passcode.',
  'passcode-wrong': 'That passcode is not right. Try again.',
};

/** What the lobby tells someone not in yet (knocking, not let in, locked), and the passcode field. */
export function LobbyGate({
  passcode,
  onPasscode,
}: {
  passcode: string;
  onPasscode: (value: string) => void;
}) {
  const status = useRoomState((s) => s.lobbyStatus);
  const asksPasscode = status === 'passcode' || status === 'passcode-wrong';
  return (
    <>
      {status && (
        <p
          data-testid="lobby-status"
          data-status={status}
          role={status === 'knocking' ? 'status' : 'alert'}
          className={`w-full rounded-lg p-3 text-sm ${status === 'knocking' ? 'bg-neutral-700 text-neutral-100' : 'bg-red-900/60 text-red-100'}`}
        >
          {TEXT[status]}
        </p>
      )}
      {asksPasscode && (
        <>
          <label className="w-full text-left text-sm text-neutral-300" htmlFor="room-passcode">
            Passcode
          </label>
          <input
            id="room-passcode"
            data-testid="room-passcode"
            value={passcode}
            onChange={(e) => onPasscode(e.target.value)}
            maxLength={HOST_LIMITS.passcode}
            autoComplete="off"
            autoFocus
            aria-invalid={status === 'passcode-wrong' ? true : undefined}
            className="w-full rounded-md border border-neutral-500 bg-transparent px-4 py-3 placeholder:text-neutral-400 focus:border-meet-accent focus:outline-none"
          />
        </>
      )}
    </>
  );
}
