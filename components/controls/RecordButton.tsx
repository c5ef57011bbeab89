'use client';

import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { ToggleButton } from '@/components/ui/ToggleButton';
import { RecordIcon } from './effectIcons';

/** Record the call to a WebM on this computer; stopping downloads it. Everyone is shown it. */
export function RecordButton() {
  const session = useRoomSession();
  const on = useRoomState((s) => s.recording.on);
  return (
    <ToggleButton
      testId="record"
      pressed={on}
      label={on ? 'Stop recording and save' : 'Record the call'}
      onClick={() => void session?.toggleRecording()}
      disabled={!session}
      problem={null}
      tone="accent-on"
      on={<RecordIcon live />}
      off={<RecordIcon live={false} />}
    />
  );
}
