'use client';

import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { HandIcon } from '@/components/files/sharingIcons';
import { ToggleButton } from '@/components/ui/ToggleButton';

/** Raise or lower your hand; everyone sees it on your tile and in the participants list. */
export function RaiseHandButton() {
  const session = useRoomSession();
  const raised = useRoomState((s) => s.selfId !== null && s.selfId in s.hands);
  return (
    <ToggleButton
      testId="raise-hand"
      pressed={raised}
      label={raised ? 'Lower hand' : 'Raise hand'}
      onClick={() => session?.raiseHand(!raised)}
      disabled={false}
      problem={null}
      tone="accent-on"
      on={<HandIcon />}
      off={<HandIcon />}
    />
  );
}
