'use client';

import { useEffect, useState } from 'react';
import { AudioLevels } from '@/lib/media/audioLevels';

/** The live level (0..1) of a microphone track, ~8 times a second; 0 without one. */
export function useMicLevel(track: MediaStreamTrack | null, on: boolean): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track || !on) return;
    const levels = new AudioLevels();
    levels.on('levels', (map) => setLevel(map.get('mic') ?? 0));
    levels.watch('mic', track);
    return () => {
      levels.dispose();
      setLevel(0);
    };
  }, [track, on]);
  return track && on ? level : 0;
}
