'use client';

import { useMemo } from 'react';
import { useRoomState } from '@/hooks/useRoomState';
import { HostBadge } from '@/components/host/HostBadge';
import { Avatar } from '@/components/ui/Avatar';
import { MicOffIcon } from '@/components/ui/icons';
import { StreamVideo } from './StreamVideo';
import { TileHandAndReactions } from './TileHandAndReactions';

/** Your own camera, small and mirrored; in the page for the whole call, even while hidden. */
export function SelfView() {
  const camera = useRoomState((s) => s.local.camera);
  const micOn = useRoomState((s) => s.local.micOn);
  const name = useRoomState((s) => s.displayName);
  const speaking = useRoomState((s) => s.selfSpeaking && s.local.micOn);
  const hidden = useRoomState((s) => s.selfViewHidden);
  const toggle = useRoomState((s) => s.toggleSelfView);
  const stream = useMemo(() => (camera ? new MediaStream([camera]) : null), [camera]);

  return (
    <div className="flex flex-col items-end gap-1">
      <div
        data-testid="self-tile"
        data-speaking={speaking ? 'true' : 'false'}
        className={`relative aspect-video w-full overflow-hidden rounded-xl bg-meet-tile shadow-lg ring-1 ring-white/10 ${speaking ? 'ring-4 ring-meet-accent' : ''} ${hidden ? 'hidden' : ''}`}
      >
        <StreamVideo
          data-testid="self-view"
          aria-label="Your camera"
          stream={stream}
          mirrored
          className={`h-full w-full object-cover ${stream ? '' : 'opacity-0'}`}
        />
        {!camera && (
          <div className="absolute inset-0 flex items-center justify-center">
            <Avatar name={name} size="sm" />
          </div>
        )}
        <div className="absolute bottom-1 left-1 flex items-center gap-1 rounded bg-black/60 px-1.5 text-xs">
          {!micOn && (
            <MicOffIcon
              className="h-3 w-3 text-red-300"
              role="img"
              aria-hidden="false"
              aria-label="Microphone off"
            />
          )}
          You
          <HostBadge id={null} />
        </div>
        <TileHandAndReactions />
      </div>
      <button
        type="button"
        data-testid="toggle-self-view"
        aria-pressed={!hidden}
        onClick={toggle}
        className="rounded-full bg-black/60 px-3 py-1 text-xs hover:bg-black/80 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none"
      >
        {hidden ? 'Show yourself' : 'Hide yourself'}
      </button>
    </div>
  );
}
