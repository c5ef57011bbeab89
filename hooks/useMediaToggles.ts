'use client';

import { ariaShortcut, shortcutLabel } from '@/lib/view/shortcuts';
import { useRoomSession, useRoomState } from './useRoomState';

export interface ToggleProps {
  pressed: boolean;
  label: string;
  onClick: () => void;
  disabled: boolean;
  problem: string | null;
  shortcut?: string;
  keyShortcuts?: string;
}

/** Ready-made props for the mic, camera and screen buttons: state, label, action, shortcut. */
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
      shortcut: shortcutLabel('mic'),
      keyShortcuts: ariaShortcut('mic'),
    },
    camera: {
      pressed: local.cameraOn,
      label: local.cameraOn ? 'Turn off camera' : 'Turn on camera',
      onClick: () => void session?.toggleCamera(),
      disabled,
      problem: local.cameraProblem?.message ?? null,
      shortcut: shortcutLabel('camera'),
      keyShortcuts: ariaShortcut('camera'),
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
