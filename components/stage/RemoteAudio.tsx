'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { useMediaElement } from '@/hooks/useMediaElement';
import { useRoomState } from '@/hooks/useRoomState';
import { audioSources, type AudioSource } from '@/lib/media/audioSources';

function SourceAudio({
  source,
  sinkId,
  onBlocked,
}: {
  source: AudioSource;
  sinkId: string;
  onBlocked: () => void;
}) {
  const stream = useMemo(() => new MediaStream([source.track]), [source.track]);
  const ref = useMediaElement<HTMLAudioElement>(stream, { sinkId, onBlocked });
  return (
    <audio
      ref={ref}
      autoPlay
      data-testid="remote-audio"
      data-participant-id={source.participantId}
      data-kind={source.kind}
    />
  );
}

/**
 * Every remote voice and screen-share sound, each through its own <audio>,
 * whatever happens to video (a <video> that never gets a frame never plays
 * its sound). Kept out of the tiles so layout changes never interrupt sound.
 */
export function RemoteAudio() {
  const participants = useRoomState((s) => s.participants);
  const sinkId = useRoomState((s) => s.speakerId);
  const sources = useMemo(() => audioSources(Object.values(participants)), [participants]);
  const [blocked, setBlocked] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const onBlocked = useCallback(() => setBlocked(true), []);

  const enableSound = () => {
    setBlocked(false);
    for (const audio of box.current?.querySelectorAll('audio') ?? []) {
      audio.play().catch(() => setBlocked(true));
    }
  };

  return (
    <>
      <div ref={box} hidden>
        {sources.map((source) => (
          <SourceAudio key={source.key} source={source} sinkId={sinkId} onBlocked={onBlocked} />
        ))}
      </div>
      {blocked && (
        <button
          type="button"
          data-testid="enable-sound"
          onClick={enableSound}
          className="fixed top-3 left-1/2 z-50 -translate-x-1/2 rounded-full bg-meet-accent px-4 py-2 font-medium text-white shadow-lg"
        >
          Click to enable sound
        </button>
      )}
    </>
  );
}
