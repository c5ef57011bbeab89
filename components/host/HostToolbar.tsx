'use client';

import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { selectIsHost } from '@/lib/store';
import { PasscodeForm } from './PasscodeForm';

const pill =
  'rounded-full px-3 py-1.5 text-sm font-medium focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none';
const toggle = (on: boolean) =>
  `${pill} border ${on ? 'border-meet-accent bg-meet-accent text-neutral-900' : 'border-neutral-500 hover:bg-white/10'}`;

/** Hosts: lock, waiting room, mute everyone, passcode, end the meeting for all. */
export function HostToolbar() {
  const session = useRoomSession();
  const isHost = useRoomState(selectIsHost);
  const { locked, waitingRoom } = useRoomState((s) => s.roomControl);
  if (!isHost) return null;
  return (
    <section aria-label="Host controls" className="flex flex-col gap-2 px-4 pt-3">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          data-testid="lock-room"
          aria-pressed={locked}
          onClick={() => session?.setRoomLocked(!locked)}
          className={toggle(locked)}
        >
          {locked ? 'Locked' : 'Lock meeting'}
        </button>
        <button
          type="button"
          data-testid="waiting-room-toggle"
          aria-pressed={waitingRoom}
          onClick={() => session?.setWaitingRoom(!waitingRoom)}
          className={toggle(waitingRoom)}
        >
          Waiting room
        </button>
        <button
          type="button"
          data-testid="mute-all"
          onClick={() => session?.askToMute()}
          className={toggle(false)}
        >
          Mute everyone
        </button>
      </div>
      <PasscodeForm />
      <button
        type="button"
        data-testid="end-meeting"
        onClick={() => session?.endMeeting()}
        className={`${pill} self-start bg-red-700 text-white hover:bg-red-600`}
      >
        End meeting for all
      </button>
    </section>
  );
}
