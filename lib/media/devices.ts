/** Camera, microphone and speaker choices for the lobby's pickers. */
import type { LocalMedia } from './localMedia';
import { listDevices } from './capture';
import type { Preferences } from '@/lib/call/preferences';

export interface DeviceOption {
  id: string;
  label: string;
}

export interface DeviceLists {
  cameras: DeviceOption[];
  mics: DeviceOption[];
  speakers: DeviceOption[];
}

export const noDevices: DeviceLists = { cameras: [], mics: [], speakers: [] };

/** Whether this browser can send audio to a chosen output (HTMLMediaElement.setSinkId). */
export function canPickSpeaker(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

export function groupDevices(devices: MediaDeviceInfo[]): DeviceLists {
  const pick = (kind: MediaDeviceKind, noun: string) =>
    devices
      .filter((d) => d.kind === kind && d.deviceId)
      .map((d, i) => ({ id: d.deviceId, label: d.label || `${noun} ${i + 1}` }));
  return {
    cameras: pick('videoinput', 'Camera'),
    mics: pick('audioinput', 'Microphone'),
    speakers: pick('audiooutput', 'Speaker'),
  };
}

export async function listDeviceOptions(): Promise<DeviceLists> {
  return groupDevices(await listDevices());
}

/** Uses the remembered camera and mic if they are still plugged in. */
export async function applyRememberedDevices(media: LocalMedia, prefs: Preferences): Promise<void> {
  const { cameras, mics } = await listDeviceOptions();
  if (prefs.cameraDeviceId && cameras.some((d) => d.id === prefs.cameraDeviceId))
    media.cameraDeviceId = prefs.cameraDeviceId;
  if (prefs.micDeviceId && mics.some((d) => d.id === prefs.micDeviceId))
    media.micDeviceId = prefs.micDeviceId;
}
