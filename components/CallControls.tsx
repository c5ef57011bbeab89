'use client';

import { useMediaToggles } from '@/hooks/useMediaToggles';
import { useRoomSession } from '@/hooks/useRoomState';
import { CameraIcon, CameraOffIcon, LeaveIcon, MicIcon, MicOffIcon, ScreenIcon } from './icons';
import { CopyLinkButton } from './CopyLinkButton';
import { ToggleButton } from './ToggleButton';

/** The bar at the bottom of the call: mic, camera, screen share, copy link, leave. */
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
      <div className="flex items-center gap-3" role="toolbar" aria-label="Call controls">
        <ToggleButton testId="toggle-mic" {...toggles.mic} on={<MicIcon />} off={<MicOffIcon />} />
        <ToggleButton
          testId="toggle-camera"
          {...toggles.camera}
          on={<CameraIcon />}
          off={<CameraOffIcon />}
        />
        <ToggleButton
          testId="toggle-screen"
          {...toggles.screen}
          tone="accent-on"
          on={<ScreenIcon />}
          off={<ScreenIcon />}
        />
        <CopyLinkButton />
        <button
          type="button"
          data-testid="leave"
          aria-label="Leave call"
          title="Leave call"
          onClick={() => session?.leave()}
          className="flex h-12 w-16 items-center justify-center rounded-full bg-meet-danger hover:bg-red-500 focus:ring-2 focus:ring-white focus:outline-none"
        >
          <LeaveIcon />
        </button>
      </div>
    </div>
  );
}
