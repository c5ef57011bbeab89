'use client';

import type { Participant } from '@/lib/store';
import { screenPinKey } from '@/lib/view/pinKey';
import { StreamVideo } from './StreamVideo';
import { PinButton } from './TileBadges';

/** A remote participant's screen share. */
export function ScreenShareTile({ participant }: { participant: Participant }) {
  return (
    <div
      data-testid="screen-tile"
      data-participant-id={participant.id}
      className="group/tile relative flex h-full min-h-0 w-full items-center justify-center overflow-hidden rounded-xl bg-black"
    >
      <StreamVideo
        stream={participant.screen}
        aria-label={`${participant.displayName}'s screen`}
        className="h-full w-full object-contain"
      />
      <div className="absolute top-2 right-2">
        <PinButton
          pinKey={screenPinKey(participant.id)}
          name={`${participant.displayName}'s screen`}
        />
      </div>
      <div className="absolute bottom-2 left-2 max-w-[calc(100%-1rem)] rounded-md bg-black/60 px-2 py-0.5 text-sm">
        <span className="truncate">{participant.displayName} is presenting</span>
      </div>
    </div>
  );
}
