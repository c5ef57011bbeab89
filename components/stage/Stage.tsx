'use client';

import { useShallow } from 'zustand/react/shallow';
import { useElementSize } from '@/hooks/useElementSize';
import { useRoomState } from '@/hooks/useRoomState';
import { bestGrid, spotlightKey } from '@/lib/view/layout';
import { selectParticipantList } from '@/lib/store';
import { MeetingInfo } from '@/components/ui/MeetingInfo';
import { Spotlight } from './Spotlight';
import { VideoTile } from './VideoTile';

/**
 * The middle of the call: a grid of everyone else that fills the space, or,
 * while someone presents or a tile is pinned, that one large and the rest in a filmstrip.
 */
export function Stage() {
  const participants = useRoomState(useShallow(selectParticipantList));
  const pinnedId = useRoomState((s) => s.pinnedId);
  const grid = useElementSize<HTMLDivElement>();

  if (participants.length === 0) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-4 overflow-y-auto p-2 text-center">
        <h1 className="text-xl text-neutral-100 sm:text-2xl">You&apos;re the only one here</h1>
        <div className="w-full max-w-md">
          <MeetingInfo />
        </div>
      </div>
    );
  }

  const focus = spotlightKey(participants, pinnedId);
  if (focus) return <Spotlight participants={participants} focus={focus} />;

  const layout = bestGrid(participants.length, grid.width, grid.height);
  return (
    <div
      ref={grid.ref}
      data-testid="grid"
      data-cols={layout.cols}
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
