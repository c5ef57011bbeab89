'use client';

import { useId } from 'react';
import { useDevices } from '@/hooks/useDevices';
import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { canPickSpeaker, type DeviceOption } from '@/lib/media/devices';

function Picker(props: {
  label: string;
  testId: string;
  options: DeviceOption[];
  value: string;
  onChange: (id: string) => void;
}) {
  const id = useId();
  if (props.options.length === 0) return null;
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <label htmlFor={id} className="text-xs text-neutral-300">
        {props.label}
      </label>
      <select
        id={id}
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        className="w-full truncate rounded-md border border-neutral-500 bg-meet-bg px-2 py-2 text-sm focus:border-meet-accent focus:outline-none"
      >
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Camera, microphone and speaker pickers; choices are remembered for next time. */
export function DeviceSettings() {
  const session = useRoomSession();
  const devices = useDevices();
  const cameraId = useRoomState((s) => s.local.camera?.getSettings().deviceId ?? '');
  const micId = useRoomState((s) => s.local.mic?.getSettings().deviceId ?? '');
  const speakerId = useRoomState((s) => s.speakerId);
  const pick = (kind: 'camera' | 'mic', id: string) => void session?.setDevice(kind, id);
  return (
    <div className="flex w-full flex-col gap-2 sm:flex-row">
      <Picker
        label="Microphone"
        testId="pick-mic"
        options={devices.mics}
        value={micId}
        onChange={(id) => pick('mic', id)}
      />
      <Picker
        label="Camera"
        testId="pick-camera"
        options={devices.cameras}
        value={cameraId}
        onChange={(id) => pick('camera', id)}
      />
      {canPickSpeaker() && (
        <Picker
          label="Speaker"
          testId="pick-speaker"
          options={devices.speakers}
          value={speakerId || devices.speakers[0]?.id || ''}
          onChange={(id) => session?.setSpeaker(id)}
        />
      )}
    </div>
  );
}
