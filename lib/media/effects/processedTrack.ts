/** What an effect (noise suppression, background blur) makes of one input track. */
export interface ProcessedTrack {
  /** The track to send and show instead of the input. */
  readonly track: MediaStreamTrack;
  /** Stops the processing and ends `track`; the input track is left as it is. */
  stop(): void;
}

/**
 * Starts an effect on `input`. `fail` is for trouble after the start (e.g. the
 * machine is too slow): the effect is then turned off and the message shown.
 */
export type TrackEffect = (
  input: MediaStreamTrack,
  fail: (message: string) => void,
) => Promise<ProcessedTrack>;

/** Where Parley serves the effects' worklets, wasm and models (copied from node_modules at build). */
export const EFFECT_ASSETS = '/effects';
