'use client';

import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useMediaToggles } from '@/hooks/useMediaToggles';
import { useRoomState } from '@/hooks/useRoomState';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from '@/components/ui/icons';
import { MicLevelMeter } from './MicLevelMeter';
import { EffectProblem, EffectToggles } from '@/components/controls/EffectToggles';
import { StreamVideo } from '@/components/stage/StreamVideo';
import { ToggleButton } from '@/components/ui/ToggleButton';

const HOW_TO_ALLOW =
  'To allow it: click the camera icon (or the lock) at the left of the address bar, choose Allow for camera and microphone, then turn it on again here.';

/** The mirrored camera preview with mic / camera toggles, a live mic meter and what went wrong. */
export function LobbyPreview() {
  const toggles = useMediaToggles();
  const camera = useRoomState((s) => s.local.camera);
  const mic = useRoomState((s) => s.local.mic);
  const micOn = useRoomState((s) => s.local.micOn);
  const problems = useRoomState(useShallow((s) => [s.local.cameraProblem, s.local.micProblem]));
  const preview = useMemo(() => (camera ? new MediaStream([camera]) : null), [camera]);
  const shown = problems.filter((p) => p !== null);
  const denied = shown.some((p) => p.kind === 'denied');

  return (
    <div className="w-full max-w-xl">
      <div className="relative aspect-video overflow-hidden rounded-xl bg-meet-tile">
        <StreamVideo
          data-testid="prejoin-preview"
          aria-label="Camera preview"
          stream={preview}
          mirrored
          className="h-full w-full object-cover"
        />
        {!camera && (
          <p className="absolute inset-0 flex items-center justify-center text-neutral-200">
            {toggles.camera.pressed ? 'Starting camera…' : 'Camera is off'}
          </p>
        )}
        <div className="absolute top-3 left-3">
          <MicLevelMeter track={mic} on={micOn} />
        </div>
        <div className="absolute bottom-3 left-1/2 flex -translate-x-1/2 gap-3">
          <ToggleButton
            testId="lobby-toggle-mic"
            {...toggles.mic}
            on={<MicIcon />}
            off={<MicOffIcon />}
          />
          <ToggleButton
            testId="lobby-toggle-camera"
            {...toggles.camera}
            on={<CameraIcon />}
            off={<CameraOffIcon />}
          />
          <EffectToggles />
        </div>
      </div>
      <div className="mt-3 flex justify-center empty:hidden">
        <EffectProblem />
      </div>
      {shown.length > 0 && (
        <div
          role="alert"
          data-testid="media-problem"
          className="mt-3 space-y-1 rounded-lg bg-amber-900/50 p-3 text-sm text-amber-100"
        >
          {shown.map((p) => (
            <p key={p.message}>{p.message}</p>
          ))}
          {denied && <p>{HOW_TO_ALLOW}</p>}
          <p>
            You can still join: you will see and hear everyone, and they will see your initials.
          </p>
        </div>
      )}
    </div>
  );
}
