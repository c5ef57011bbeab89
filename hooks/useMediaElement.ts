'use client';

import { useEffect, useRef } from 'react';

type SinkCapable = HTMLMediaElement & { setSinkId?(id: string): Promise<void> };

export interface MediaElementOptions {
  muted?: boolean;
  /** Audio output device (setSinkId); '' is the default, undefined leaves it alone. */
  sinkId?: string;
  /** The browser refused to start playback without a user gesture (autoplay policy). */
  onBlocked?: () => void;
}

/** Binds a MediaStream to a <video> or <audio> (srcObject is not a React prop) and plays it. */
export function useMediaElement<T extends HTMLMediaElement>(
  stream: MediaStream | null,
  { muted, sinkId, onBlocked }: MediaElementOptions = {},
) {
  const ref = useRef<T>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    if (!stream) return;
    const played = element.play() as Promise<void> | undefined;
    played?.catch((err: unknown) => {
      if ((err as { name?: unknown } | null)?.name === 'NotAllowedError') onBlocked?.();
    });
  }, [stream, onBlocked]);

  useEffect(() => {
    const element = ref.current as SinkCapable | null;
    if (!element?.setSinkId || sinkId === undefined) return;
    element.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId]);

  useEffect(() => {
    if (ref.current) ref.current.muted = Boolean(muted);
  }, [muted]);

  return ref;
}
