'use client';

import { useRoomSession, useRoomState } from '@/hooks/useRoomState';

/** A host asked us to turn the camera off: we choose. */
export function CameraRequestPrompt() {
  const session = useRoomSession();
  const from = useRoomState((s) =>
    s.cameraRequest ? (s.participants[s.cameraRequest]?.displayName ?? 'A host') : null,
  );
  if (from === null) return null;
  return (
    <div
      role="alertdialog"
      aria-label="Camera request"
      data-testid="camera-request"
      className="fixed top-4 left-1/2 z-50 flex -translate-x-1/2 flex-col gap-2 rounded-xl bg-neutral-100 p-4 text-sm text-neutral-900 shadow-lg sm:flex-row sm:items-center"
    >
      <span>{from} asks you to turn your camera off.</span>
      <span className="flex gap-2">
        <button
          type="button"
          data-testid="camera-request-accept"
          onClick={() => session?.answerCameraRequest(true)}
          className="rounded-full bg-neutral-900 px-3 py-1 font-medium text-white"
        >
          Turn off
        </button>
        <button
          type="button"
          onClick={() => session?.answerCameraRequest(false)}
          className="rounded-full px-3 py-1 font-medium hover:bg-neutral-200"
        >
          Keep on
        </button>
      </span>
    </div>
  );
}
