'use client';

import { useMediaToggles } from '@/hooks/useMediaToggles';
import { useRoomSession } from '@/hooks/useRoomState';
import {
  CameraIcon,
  CameraOffIcon,
  LeaveIcon,
  MicIcon,
  MicOffIcon,
  ScreenIcon,
} from '@/components/ui/icons';
import { CopyLinkButton } from '@/components/ui/CopyLinkButton';
import { EffectProblem, EffectToggles } from './EffectToggles';
import { PanelButtons } from './PanelButtons';
import { RaiseHandButton } from './RaiseHandButton';
import { RecordButton } from './RecordButton';
import { ReactionsButton } from './ReactionsButton';
import { ShareFileButton } from '@/components/files/ShareFileButton';
import { ToggleButton } from '@/components/ui/ToggleButton';
import { Tooltip } from '@/components/ui/Tooltip';

/** The bar at the bottom of the call: mic, camera, screen, chat, people, copy link, leave. */
export function CallControls() {
  const toggles = useMediaToggles();
  const session = useRoomSession();
  const problem = toggles.camera.problem ?? toggles.mic.problem ?? toggles.screen.problem;
  return (
    <div className="flex flex-col items-center gap-2">
      {problem && (
        <p
          role="alert"
          className="max-w-md rounded-md bg-black/60 px-3 py-1 text-center text-sm text-amber-200"
        >
          {problem}
        </p>
      )}
      <EffectProblem />
      <div
        className="flex flex-wrap items-center justify-center gap-1.5 sm:gap-3"
        role="toolbar"
        aria-label="Call controls"
      >
        <ToggleButton testId="toggle-mic" {...toggles.mic} on={<MicIcon />} off={<MicOffIcon />} />
        <ToggleButton
          testId="toggle-camera"
          {...toggles.camera}
          on={<CameraIcon />}
          off={<CameraOffIcon />}
        />
        <EffectToggles />
        <ToggleButton
          testId="toggle-screen"
          {...toggles.screen}
          tone="accent-on"
          on={<ScreenIcon />}
          off={<ScreenIcon />}
        />
        <RecordButton />
        <RaiseHandButton />
        <ReactionsButton />
        <ShareFileButton />
        <PanelButtons />
        <CopyLinkButton />
        <Tooltip text="Leave call">
          <button
            type="button"
            data-testid="leave"
            aria-label="Leave call"
            onClick={() => session?.leave()}
            className="flex h-10 w-14 items-center justify-center rounded-full bg-meet-danger hover:bg-red-500 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none sm:h-12 sm:w-16"
          >
            <LeaveIcon />
          </button>
        </Tooltip>
      </div>
    </div>
  );
}
