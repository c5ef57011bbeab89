import { LIMITS } from '@/lib/protocol/limits';

export interface Preferences {
  displayName: string;
  camera: boolean;
  mic: boolean;
  cameraDeviceId?: string;
  micDeviceId?: string;
  speakerDeviceId?: string;
  /** RNNoise on the microphone (default on). */
  noiseSuppression: boolean;
  /** Background blur on the camera (default off). */
  blur: boolean;
}

const KEY = 'parley:preferences';
export const defaultPreferences: Preferences = {
  displayName: '',
  camera: true,
  mic: true,
  noiseSuppression: true,
  blur: false,
};

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): StorageLike | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** Reads saved choices; anything malformed falls back to the defaults. */
export function loadPreferences(store: StorageLike | null = storage()): Preferences {
  try {
    const raw = store?.getItem(KEY);
    if (!raw) return { ...defaultPreferences };
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return { ...defaultPreferences };
    const d = data as Record<string, unknown>;
    const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : undefined);
    return {
      displayName: str(d.displayName, LIMITS.displayName) ?? '',
      camera: typeof d.camera === 'boolean' ? d.camera : true,
      mic: typeof d.mic === 'boolean' ? d.mic : true,
      cameraDeviceId: str(d.cameraDeviceId, 256),
      micDeviceId: str(d.micDeviceId, 256),
      speakerDeviceId: str(d.speakerDeviceId, 256),
      noiseSuppression: typeof d.noiseSuppression === 'boolean' ? d.noiseSuppression : true,
      blur: typeof d.blur === 'boolean' ? d.blur : false,
    };
  } catch {
    return { ...defaultPreferences };
  }
}

export function savePreferences(
  patch: Partial<Preferences>,
  store: StorageLike | null = storage(),
): void {
  try {
    store?.setItem(KEY, JSON.stringify({ ...loadPreferences(store), ...patch }));
  } catch {
    // Private mode or full storage: choices are simply not remembered.
  }
}
