import type { TrackEffect } from './processedTrack';

/**
 * The effects as MediaEffects takes them, each loaded with import() the first
 * time it is turned on: their code stays out of the room page's first load.
 */
export const lazyEffects: { mic: TrackEffect; camera: TrackEffect } = {
  mic: async (input, fail) => (await import('./noiseSuppression')).noiseSuppression(input, fail),
  camera: async (input, fail) => (await import('./backgroundBlur')).backgroundBlur(input, fail),
};
