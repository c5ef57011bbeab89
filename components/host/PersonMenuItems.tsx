'use client';

import { useRoomSession, useRoomState } from '@/hooks/useRoomState';

const item =
  'block w-full rounded px-3 py-1.5 text-left text-sm hover:bg-white/10 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none';

/** The host's actions on one person: ask to mute, ask to turn the camera off, make host, remove. */
export function PersonMenuItems({
  id,
  name,
  onDone,
  onRemove,
}: {
  id: string;
  name: string;
  onDone: () => void;
  onRemove: () => void;
}) {
  const session = useRoomSession();
  const media = useRoomState((s) => s.participants[id]?.media);
  const theyHost = useRoomState((s) => s.roomControl.hosts.includes(id));
  const act = (fn: () => void) => () => {
    fn();
    onDone();
  };
  return (
    <>
      {media?.mic && (
        <button
          type="button"
          role="menuitem"
          data-testid="ask-mute"
          onClick={act(() => session?.askToMute(id))}
          className={item}
        >
          Mute {name}
        </button>
      )}
      {media?.camera && (
        <button
          type="button"
          role="menuitem"
          data-testid="ask-camera-off"
          onClick={act(() => session?.askCameraOff(id))}
          className={item}
        >
          Ask to turn camera off
        </button>
      )}
      {!theyHost && (
        <button
          type="button"
          role="menuitem"
          data-testid="make-host"
          onClick={act(() => session?.makeHost(id))}
          className={item}
        >
          Make host
        </button>
      )}
      <button
        type="button"
        role="menuitem"
        data-testid="remove-participant"
        onClick={onRemove}
        className={`${item} text-red-300`}
      >
        Remove from meeting
      </button>
    </>
  );
}
