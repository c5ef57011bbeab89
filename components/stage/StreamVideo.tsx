'use client';

import type { VideoHTMLAttributes } from 'react';
import { useMediaElement } from '@/hooks/useMediaElement';

interface StreamVideoProps extends Omit<VideoHTMLAttributes<HTMLVideoElement>, 'src'> {
  stream: MediaStream | null;
  mirrored?: boolean;
}

/**
 * A <video> bound to a MediaStream. Always muted: a remote person's sound
 * plays through RemoteAudio, which does not depend on video frames arriving.
 */
export function StreamVideo({ stream, mirrored, className = '', ...rest }: StreamVideoProps) {
  const ref = useMediaElement<HTMLVideoElement>(stream, { muted: true });
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      className={`${mirrored ? 'mirror ' : ''}${className}`}
      {...rest}
    />
  );
}
