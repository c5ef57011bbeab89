'use client';

import { useEffect, useState } from 'react';
import { listDeviceOptions, noDevices, type DeviceLists } from '@/lib/media/devices';
import { useRoomState } from './useRoomState';

/** The devices to choose from; listed again when devices change or access is granted. */
export function useDevices(): DeviceLists {
  const [devices, setDevices] = useState<DeviceLists>(noDevices);
  const camera = useRoomState((s) => s.local.camera);
  const mic = useRoomState((s) => s.local.mic);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      void listDeviceOptions().then((lists) => {
        if (live) setDevices(lists);
      });
    refresh();
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    media?.addEventListener?.('devicechange', refresh);
    return () => {
      live = false;
      media?.removeEventListener?.('devicechange', refresh);
    };
  }, [camera, mic]);
  return devices;
}
