/** getUserMedia / getDisplayMedia helpers and error classification. */

export type MediaProblemKind = 'denied' | 'not-found' | 'in-use' | 'unsupported' | 'unknown';

export interface MediaProblem {
  kind: MediaProblemKind;
  message: string;
}

/** Sized for a meeting tile: a 3x3 grid never needs 1080p capture. */
export const CAMERA_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 640 },
  height: { ideal: 480 },
  frameRate: { ideal: 24, max: 30 },
};

export const MIC_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

export function describeMediaError(
  err: unknown,
  device: 'camera' | 'microphone' | 'screen',
): MediaProblem {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        kind: 'denied',
        message:
          device === 'screen'
            ? 'Screen sharing was cancelled or blocked.'
            : `Parley is not allowed to use your ${device}. Click the camera icon in the address bar, allow access, then try again.`,
      };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { kind: 'not-found', message: `No ${device} was found.` };
    case 'NotReadableError':
    case 'AbortError':
      return {
        kind: 'in-use',
        message: `Your ${device} is in use by another app, or could not be started.`,
      };
    case 'TypeError':
      return {
        kind: 'unsupported',
        message: `This browser cannot use a ${device} here (a secure https page is needed).`,
      };
    default:
      return { kind: 'unknown', message: `Could not start your ${device}.` };
  }
}

function mediaDevices(): MediaDevices {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices) {
    throw new TypeError('mediaDevices unavailable');
  }
  return navigator.mediaDevices;
}

export async function openCamera(deviceId?: string): Promise<MediaStreamTrack> {
  const video = { ...CAMERA_CONSTRAINTS, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
  const stream = await mediaDevices().getUserMedia({ video });
  return stream.getVideoTracks()[0];
}

export async function openMic(deviceId?: string): Promise<MediaStreamTrack> {
  const audio = { ...MIC_CONSTRAINTS, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
  const stream = await mediaDevices().getUserMedia({ audio });
  return stream.getAudioTracks()[0];
}

export async function openScreen(): Promise<{
  video: MediaStreamTrack;
  audio: MediaStreamTrack | null;
}> {
  const stream = await mediaDevices().getDisplayMedia({
    video: { frameRate: { ideal: 15, max: 30 } },
    audio: true,
  });
  const video = stream.getVideoTracks()[0];
  // Text and slides must stay sharp; the encoder may drop frames instead of resolution.
  if ('contentHint' in video) video.contentHint = 'detail';
  return { video, audio: stream.getAudioTracks()[0] ?? null };
}

export async function listDevices(): Promise<MediaDeviceInfo[]> {
  try {
    return await mediaDevices().enumerateDevices();
  } catch {
    return [];
  }
}
