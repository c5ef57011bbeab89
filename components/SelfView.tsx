'use client';

import { useMemo } from 'react';
import { useRoomState } from '@/hooks/useRoomState';
import { Avatar } from './Avatar';
import { MicOffIcon } from './icons';
import { StreamVideo } from './StreamVideo';

/** Your own camera, small and mirrored; in the page for as long as you are in the call. */
export function SelfView() {
  const camera = useRoomState((s) => s.local.camera);
  const micOn = useRoomState((s) => s.local.micOn);
  const name = useRoomState((s) => s.displayName);
  const stream = useMemo(() => (camera ? new MediaStream([camera]) : null), [camera]);

  return (
    <div className="relative aspect-video w-full overflow-hidden rounded-xl bg-meet-tile shadow-lg ring-1 ring-white/10">
      <StreamVideo
        data-testid="self-view"
        aria-label="Your camera"
        stream={stream}
        muted
        mirrored
        className={`h-full w-full object-cover ${stream ? '' : 'opacity-0'}`}
      />
      {!camera && (
        <div className="absolute inset-0 flex items-center justify-center">
          <Avatar name={name} size="sm" />
        </div>
      )}
      <div className="absolute bottom-1 left-1 flex items-center gap-1 rounded bg-black/50 px-1.5 text-xs">
        {!micOn && <MicOffIcon className="h-3 w-3 text-red-300" aria-label="Microphone off" />}
        You
      </div>
    </div>
  );
}
