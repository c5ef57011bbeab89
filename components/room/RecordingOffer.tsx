'use client';

import { useContext, useSyncExternalStore } from 'react';
import { RoomContext } from '@/hooks/useRoomState';

const noSubscription = () => () => undefined;

/** After leaving while recording: the recording, ready to save (nothing outside a room). */
export function RecordingOffer() {
  const room = useContext(RoomContext);
  const file = useSyncExternalStore(
    room?.store.subscribe ?? noSubscription,
    () => room?.store.getState().recording.file ?? null,
    () => null,
  );
  if (!file) return null;
  return (
    <p className="text-neutral-200">
      Your recording is ready.{' '}
      <a
        data-testid="recording-download"
        href={file.url}
        download={file.name}
        className="font-medium text-meet-accent underline"
      >
        Save the recording
      </a>
    </p>
  );
}
