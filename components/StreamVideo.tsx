'use client';

import { useEffect, useRef, type VideoHTMLAttributes } from 'react';

interface StreamVideoProps extends Omit<VideoHTMLAttributes<HTMLVideoElement>, 'src'> {
  stream: MediaStream | null;
  mirrored?: boolean;
  /** Audio output device (setSinkId); '' or undefined is the default. */
  sinkId?: string;
}

/** A <video> bound to a MediaStream (srcObject is not a React prop). */
export function StreamVideo({
  stream,
  mirrored,
  className = '',
  muted,
  sinkId,
  ...rest
}: StreamVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (stream) video.play().catch(() => undefined);
  }, [stream]);

  useEffect(() => {
    const video = ref.current as
      (HTMLVideoElement & { setSinkId?(id: string): Promise<void> }) | null;
    if (!video?.setSinkId || sinkId === undefined) return;
    video.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId]);

  useEffect(() => {
    if (ref.current) ref.current.muted = Boolean(muted);
  }, [muted]);

  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted={muted}
      className={`${mirrored ? 'mirror ' : ''}${className}`}
      {...rest}
    />
  );
}
