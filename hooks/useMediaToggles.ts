'use client';

import { useRoomSession, useRoomState } from './useRoomState';

export interface ToggleProps {
  pressed: boolean;
  label: string;
  onClick: () => void;
  disabled: boolean;
  problem: string | null;
}

/** Ready-made props for the mic, camera and screen buttons: state, label, action. */
export function useMediaToggles(): Record<'mic' | 'camera' | 'screen', ToggleProps> {
  const session = useRoomSession();
  const local = useRoomState((s) => s.local);
  const disabled = !session;
  return {
    mic: {
      pressed: local.micOn,
      label: local.micOn ? 'Turn off microphone' : 'Turn on microphone',
      onClick: () => void session?.toggleMic(),
      disabled,
      problem: local.micProblem?.message ?? null,
    },
    camera: {
      pressed: local.cameraOn,
      label: local.cameraOn ? 'Turn off camera' : 'Turn on camera',
      onClick: () => void session?.toggleCamera(),
      disabled,
      problem: local.cameraProblem?.message ?? null,
    },
    screen: {
      pressed: local.screenOn,
      label: local.screenOn ? 'Stop presenting' : 'Present your screen',
      onClick: () => void session?.toggleScreen(),
      disabled:
        disabled || typeof navigator === 'undefined' || !navigator.mediaDevices?.getDisplayMedia,
      problem: local.screenProblem?.message ?? null,
    },
  };
}
