'use client';

import type { Participant } from '@/lib/store';
import { parsePinKey, screenPinKey, type PinKey } from '@/lib/view/pinKey';
import { ScreenShareTile } from './ScreenShareTile';
import { VideoTile } from './VideoTile';

/** One tile large (a share or a pinned person), everything else in a filmstrip. */
export function Spotlight({ participants, focus }: { participants: Participant[]; focus: PinKey }) {
  const target = parsePinKey(focus);
  const mainIsScreen = target.kind === 'screen';
  const presenters = participants.filter((p) => p.media.screen && p.screen);
  const main = (mainIsScreen ? presenters : participants).find((p) => p.id === target.id);
  const otherScreens = presenters.filter((p) => screenPinKey(p.id) !== focus);
  const strip = participants.filter((p) => mainIsScreen || p.id !== target.id);
  return (
    <div data-testid="spotlight" data-focus={focus} className="flex h-full min-h-0 flex-col gap-2">
      <div className="flex min-h-0 flex-1 items-center justify-center">
        {main && mainIsScreen && <ScreenShareTile participant={main} />}
        {main && !mainIsScreen && (
          <VideoTile
            participant={main}
            className="max-h-full max-w-full"
            style={{ height: '100%' }}
          />
        )}
      </div>
      {/* Right padding from sm up: the floating self-view (Call.tsx) sits there, over nobody's name. */}
      <div
        className="flex shrink-0 gap-2 overflow-x-auto pb-1 sm:pr-52 lg:pr-60"
        role="list"
        aria-label="Other tiles"
      >
        {otherScreens.map((p) => (
          <div key={`s-${p.id}`} role="listitem" className="aspect-video w-36 shrink-0 sm:w-48">
            <ScreenShareTile participant={p} />
          </div>
        ))}
        {strip.map((p) => (
          <div key={p.id} role="listitem" className="w-36 shrink-0 sm:w-48">
            <VideoTile participant={p} />
          </div>
        ))}
      </div>
    </div>
  );
}
