import type { TrackEffect } from './processedTrack';

export const backgroundBlur: TrackEffect = async () => {
  throw new Error('background blur is not available yet');
};
