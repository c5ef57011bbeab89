'use client';

import { useRoomState } from '@/hooks/useRoomState';
import type { Quality } from '@/lib/store/ui';
import type { PinKey } from '@/lib/view/pinKey';
import { PinIcon } from '@/components/ui/icons';

const QUALITY_TEXT: Record<Quality, string> = {
  good: 'Connection: good',
  fair: 'Connection: unstable',
  poor: 'Connection: poor',
  unknown: 'Connection: measuring',
};
const QUALITY_BARS: Record<Quality, number> = { good: 3, fair: 2, poor: 1, unknown: 0 };

/** Three bars from getStats round-trip time and loss. */
export function QualityIcon({ id }: { id: string }) {
  const quality = useRoomState((s) => s.quality[id] ?? 'unknown');
  const bars = QUALITY_BARS[quality];
  const color =
    quality === 'poor' ? 'bg-red-400' : quality === 'fair' ? 'bg-amber-300' : 'bg-emerald-300';
  return (
    <span
      data-testid="quality"
      data-quality={quality}
      role="img"
      aria-label={QUALITY_TEXT[quality]}
      title={QUALITY_TEXT[quality]}
      className="flex h-4 items-end gap-0.5"
    >
      {[1, 2, 3].map((n) => (
        <span
          key={n}
          className={`w-1 rounded-sm ${n <= bars ? color : 'bg-white/30'}`}
          style={{ height: `${n * 33}%` }}
        />
      ))}
    </span>
  );
}

/** Pins this tile to the spotlight, or unpins it. */
export function PinButton({ pinKey, name }: { pinKey: PinKey; name: string }) {
  const pinned = useRoomState((s) => s.pinnedId === pinKey);
  const togglePin = useRoomState((s) => s.togglePin);
  return (
    <button
      type="button"
      data-testid="pin-tile"
      aria-pressed={pinned}
      aria-label={pinned ? `Unpin ${name}` : `Pin ${name}`}
      title={pinned ? 'Unpin' : 'Pin to the main view'}
      onClick={() => togglePin(pinKey)}
      className={`flex h-8 w-8 items-center justify-center rounded-full bg-black/60 opacity-100 hover:bg-black/80 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none sm:opacity-0 sm:group-hover/tile:opacity-100 sm:focus-visible:opacity-100 ${pinned ? 'text-meet-accent sm:opacity-100' : ''}`}
    >
      <PinIcon className="h-4 w-4" />
    </button>
  );
}
