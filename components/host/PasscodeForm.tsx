'use client';

import { useState, type FormEvent } from 'react';
import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { HOST_LIMITS } from '@/lib/protocol/limits';

const pill =
  'rounded-full px-3 py-1.5 text-sm font-medium focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none';

/** Hosts: set, change or clear the passcode the lobby asks for. */
export function PasscodeForm() {
  const session = useRoomSession();
  const passcodeRequired = useRoomState((s) => s.roomControl.passcodeRequired);
  const [passcode, setPasscode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!passcode.trim()) return;
    session?.setPasscode(passcode.trim());
    setPasscode('');
  };
  return (
    <form onSubmit={submit} className="flex items-center gap-2">
      <label htmlFor="set-passcode" className="sr-only">
        Meeting passcode
      </label>
      <input
        id="set-passcode"
        data-testid="passcode-input"
        value={passcode}
        onChange={(e) => setPasscode(e.target.value)}
        maxLength={HOST_LIMITS.passcode}
        autoComplete="off"
        placeholder={passcodeRequired ? 'New passcode' : 'Set a passcode'}
        className="min-w-0 flex-1 rounded-full border border-neutral-500 bg-transparent px-3 py-1.5 text-sm placeholder:text-neutral-400 focus:border-meet-accent focus:outline-none"
      />
      <button
        type="submit"
        data-testid="set-passcode"
        disabled={!passcode.trim()}
        className={`${pill} text-meet-accent hover:bg-white/10 disabled:text-neutral-500`}
      >
        Set
      </button>
      {passcodeRequired && (
        <button
          type="button"
          data-testid="clear-passcode"
          onClick={() => session?.setPasscode(null)}
          className={`${pill} hover:bg-white/10`}
        >
          Clear
        </button>
      )}
    </form>
  );
}
