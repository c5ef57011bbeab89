/**
 * Sender limits for a full mesh. Every person encodes and uploads their camera
 * once per remote participant, so what one stream may cost shrinks as the room
 * grows: less bitrate, then fewer pixels, then fewer frames. Pure functions;
 * Peer applies the result with RTCRtpSender.setParameters.
 */

export type SenderKind = 'camera' | 'screen';

/** The subset of RTCRtpEncodingParameters (and the send parameters) we set. */
export interface SenderLimits {
  /** Bits per second this one stream may use towards one peer. */
  maxBitrate: number;
  /** 1 = capture size; 2 = half width and half height. */
  scaleResolutionDownBy: number;
  maxFramerate: number;
  /** What the encoder gives up first when it is short of bandwidth or CPU. */
  degradationPreference: RTCDegradationPreference;
}

/** One person's limits per remote peer, for each kind of video they send. */
export interface MeshLimits {
  camera: SenderLimits;
  screen: SenderLimits;
}

type Step = readonly [maxRoomSize: number, maxBitrate: number, scaleDownBy: number, fps: number];

/** Camera, by room size (people in the call, yourself included): bits/s, downscale, fps. */
const CAMERA_STEPS: readonly Step[] = [
  [2, 1_200_000, 1, 30],
  [3, 700_000, 1, 24],
  [4, 450_000, 1.5, 20],
  [6, 300_000, 2, 15],
  [9, 200_000, 2, 15],
  [Infinity, 120_000, 3, 12],
];

/**
 * A screen share keeps its full resolution (text must stay readable, and the
 * track has contentHint 'detail'); a bigger room lowers its frame rate instead.
 */
const SCREEN_STEPS: readonly Step[] = [
  [2, 2_500_000, 1, 15],
  [4, 1_500_000, 1, 10],
  [6, 1_000_000, 1, 8],
  [Infinity, 700_000, 1, 5],
];

/** Limits for one video stream to one peer, in a call of `roomSize` people (yourself included). */
export function senderLimits(roomSize: number, kind: SenderKind): SenderLimits {
  const size = Number.isFinite(roomSize) ? Math.max(2, Math.floor(roomSize)) : 2;
  const steps = kind === 'camera' ? CAMERA_STEPS : SCREEN_STEPS;
  const [, maxBitrate, scaleResolutionDownBy, maxFramerate] =
    steps.find(([max]) => size <= max) ?? steps[steps.length - 1];
  return {
    maxBitrate,
    scaleResolutionDownBy,
    maxFramerate,
    degradationPreference: kind === 'camera' ? 'balanced' : 'maintain-resolution',
  };
}

export function meshLimits(roomSize: number): MeshLimits {
  return { camera: senderLimits(roomSize, 'camera'), screen: senderLimits(roomSize, 'screen') };
}

/**
 * The send parameters with `limits` applied to every encoding, or null when
 * they already hold them (so a sender is not reconfigured for nothing).
 * Before negotiation Chromium may report no encodings: nothing to set yet.
 */
export function withLimits(
  params: RTCRtpSendParameters,
  limits: SenderLimits,
): RTCRtpSendParameters | null {
  if (!params.encodings || params.encodings.length === 0) return null;
  const same =
    params.degradationPreference === limits.degradationPreference &&
    params.encodings.every(
      (e) =>
        e.maxBitrate === limits.maxBitrate &&
        e.maxFramerate === limits.maxFramerate &&
        e.scaleResolutionDownBy === limits.scaleResolutionDownBy,
    );
  if (same) return null;
  return {
    ...params,
    degradationPreference: limits.degradationPreference,
    encodings: params.encodings.map((e) => ({
      ...e,
      maxBitrate: limits.maxBitrate,
      maxFramerate: limits.maxFramerate,
      scaleResolutionDownBy: limits.scaleResolutionDownBy,
    })),
  };
}

/**
 * Audio is never starved: its encodings get high priority, so under
 * congestion the bandwidth estimate is cut from video first. Null when set.
 */
export function withAudioPriority(params: RTCRtpSendParameters): RTCRtpSendParameters | null {
  if (!params.encodings || params.encodings.length === 0) return null;
  if (params.encodings.every((e) => e.priority === 'high' && e.networkPriority === 'high'))
    return null;
  return {
    ...params,
    encodings: params.encodings.map((e) => ({ ...e, priority: 'high', networkPriority: 'high' })),
  };
}
