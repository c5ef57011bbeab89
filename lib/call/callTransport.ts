import type { LocalMediaSnapshot } from '@/lib/media/localMedia';
import type { ConnectionSource } from './callMonitor';

/**
 * What carries a call's media: the mesh (a connection per remote person) or
 * the SFU (one publisher and one subscriber connection). Both write the same
 * per-participant {camera, screen} streams into the store, so tiles and
 * RemoteAudio never know which one plays; CallMonitor reads quality and voice
 * levels through the ConnectionSource part.
 */
export interface MediaTransport extends ConnectionSource {
  /** Our camera, mic and screen changed: send what is on now. */
  localMedia(snapshot: LocalMediaSnapshot): void;
  close(): void;
}
