'use client';

import { useShallow } from 'zustand/react/shallow';
import { useElementSize } from '@/hooks/useElementSize';
import { useRoomState } from '@/hooks/useRoomState';
import { bestGrid } from '@/lib/layout';
import { selectParticipantList } from '@/lib/store';
import { ScreenShareTile } from './ScreenShareTile';
import { VideoTile } from './VideoTile';

/**
 * The middle of the call: a grid of everyone else that fills the space, or,
 * while someone presents, their screen large and the people in a filmstrip.
 */
export function Stage() {
  const participants = useRoomState(useShallow(selectParticipantList));
  const presenters = participants.filter((p) => p.media.screen && p.screen);
  const grid = useElementSize<HTMLDivElement>();

  if (participants.length === 0) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-2 text-center text-neutral-300">
        <p className="text-xl">You&apos;re the only one here</p>
        <p className="text-sm">Share the meeting link to invite others.</p>
      </div>
    );
  }

  if (presenters.length > 0) {
    return (
      <div className="flex h-full min-h-0 flex-col gap-2">
        <div
          className="grid min-h-0 flex-1 gap-2"
          style={{
            gridTemplateColumns: `repeat(${Math.min(presenters.length, 2)}, minmax(0, 1fr))`,
          }}
        >
          {presenters.map((p) => (
            <ScreenShareTile key={p.id} participant={p} />
          ))}
        </div>
        <div className="flex shrink-0 gap-2 overflow-x-auto pb-1" aria-label="Participants">
          {participants.map((p) => (
            <div key={p.id} className="w-40 shrink-0 sm:w-48">
              <VideoTile participant={p} />
            </div>
          ))}
        </div>
      </div>
    );
  }

  const layout = bestGrid(participants.length, grid.width, grid.height);
  return (
    <div
      ref={grid.ref}
      className="flex h-full min-h-0 w-full flex-wrap content-center items-center justify-center gap-2"
    >
      {participants.map((p) => (
        <VideoTile
          key={p.id}
          participant={p}
          style={
            layout.tileWidth
              ? { width: layout.tileWidth, height: layout.tileHeight }
              : { width: '100%' }
          }
        />
      ))}
    </div>
  );
}
