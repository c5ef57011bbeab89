'use client';

import { useMicLevel } from '@/hooks/useMicLevel';

/** Five bars that move with your voice, so you can see the mic works before joining. */
export function MicLevelMeter({ track, on }: { track: MediaStreamTrack | null; on: boolean }) {
  const level = useMicLevel(track, on);
  // Speech sits around 0.02-0.2 RMS; spread it over the bars on a rough log scale.
  const lit =
    level <= 0 ? 0 : Math.max(0, Math.min(5, Math.round((Math.log10(level) + 2.3) * 2.5)));
  return (
    <div
      data-testid="mic-level"
      data-level={lit}
      role="meter"
      aria-label="Microphone level"
      aria-valuemin={0}
      aria-valuemax={5}
      aria-valuenow={lit}
      className="flex h-6 items-end gap-0.5 rounded-full bg-black/60 px-2 py-1"
    >
      {[1, 2, 3, 4, 5].map((n) => (
        <span
          key={n}
          className={`w-1 rounded-sm transition-[height] ${n <= lit ? 'bg-meet-accent' : 'bg-white/30'}`}
          style={{ height: `${20 + n * 16}%` }}
        />
      ))}
    </div>
  );
}
