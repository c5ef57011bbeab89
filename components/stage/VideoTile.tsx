'use client';

import type { CSSProperties } from 'react';
import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import type { Participant } from '@/lib/store';
import { personPinKey } from '@/lib/view/pinKey';
import { HostBadge } from '@/components/host/HostBadge';
import { PersonActions } from '@/components/host/PersonActions';
import { Avatar } from '@/components/ui/Avatar';
import { MicOffIcon } from '@/components/ui/icons';
import { StreamVideo } from './StreamVideo';
import { PinButton, QualityIcon } from './TileBadges';
import { TileHandAndReactions } from './TileHandAndReactions';

function connectionNote(p: Participant): string | null {
  if (p.unreachable) return `Could not connect to ${p.displayName}.`;
  if (p.problem) return `Can't connect to ${p.displayName}. ${p.problem}`;
  if (p.connection === 'new' || p.connection === 'connecting') return 'Connecting…';
  if (p.connection === 'disconnected' || p.connection === 'failed') return 'Reconnecting…';
  return null;
}

/** One remote participant: camera (kept while off, behind the avatar), name, mic, speaking, quality, pin. */
export function VideoTile({
  participant,
  style,
  className = '',
}: {
  participant: Participant;
  style?: CSSProperties;
  className?: string;
}) {
  const { id, displayName, media, camera } = participant;
  const speaking = useRoomState((s) => Boolean(s.speaking[id]) && media.mic);
  const session = useRoomSession();
  const note = connectionNote(participant);
  // Nothing arrives from someone we could not connect to: their initials, not a gray box.
  const showVideo = media.camera && !participant.unreachable;
  return (
    <div
      data-testid="remote-tile"
      data-participant-id={id}
      data-camera={media.camera ? 'on' : 'off'}
      data-mic={media.mic ? 'on' : 'off'}
      data-speaking={speaking ? 'true' : 'false'}
      style={style}
      className={`group/tile relative aspect-video overflow-hidden rounded-xl bg-meet-tile ring-inset ${speaking ? 'ring-4 ring-meet-accent' : ''} ${className}`}
    >
      <StreamVideo
        stream={camera}
        aria-label={`${displayName}'s camera`}
        className={`h-full w-full object-cover ${showVideo ? '' : 'opacity-0'}`}
      />
      {!showVideo && (
        <div className="absolute inset-0 flex items-center justify-center">
          <Avatar name={displayName} />
        </div>
      )}
      {note && (
        <div
          data-testid="connection-note"
          role="status"
          className="absolute top-2 left-2 w-fit max-w-[calc(100%-3.5rem)] rounded-md bg-black/60 px-2 py-1 text-xs"
        >
          {note}
          {participant.unreachable && (
            <button
              type="button"
              data-testid="retry-connection"
              onClick={() => session?.retryConnection(id)}
              className="ml-2 rounded bg-white/90 px-2 py-0.5 font-medium text-black hover:bg-white"
            >
              Retry
            </button>
          )}
        </div>
      )}
      <TileHandAndReactions id={id} />
      <div className="absolute top-2 right-2 flex gap-1">
        <PersonActions id={id} name={displayName} revealOnHover />
        <PinButton pinKey={personPinKey(id)} name={displayName} />
      </div>
      <div className="absolute bottom-2 left-2 flex max-w-[calc(100%-1rem)] items-center gap-1.5 rounded-md bg-black/60 px-2 py-0.5 text-sm">
        {!media.mic && (
          <MicOffIcon
            className="h-4 w-4 shrink-0 text-red-300"
            role="img"
            aria-hidden="false"
            aria-label="Microphone off"
          />
        )}
        <span className="truncate">{displayName}</span>
        <HostBadge id={id} />
        <QualityIcon id={id} />
      </div>
    </div>
  );
}
