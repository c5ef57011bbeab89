'use client';

import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useMediaToggles } from '@/hooks/useMediaToggles';
import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { LIMITS } from '@/lib/protocol';
import { cleanDisplayName, loadPreferences, savePreferences } from '@/lib/preferences';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from './icons';
import { StreamVideo } from './StreamVideo';
import { ToggleButton } from './ToggleButton';

function countLine(count: number | null): string {
  if (count === null) return 'Checking who is here…';
  if (count === 0) return 'No one else is here yet';
  return count === 1 ? '1 person is in this call' : `${count} people are in this call`;
}

/** Before joining: camera preview, mic / camera choices, display name. */
export function Lobby() {
  const session = useRoomSession();
  const toggles = useMediaToggles();
  const camera = useRoomState((s) => s.local.camera);
  const lobbyCount = useRoomState((s) => s.lobbyCount);
  const joining = useRoomState((s) => s.phase === 'joining');
  const [name, setName] = useState('');
  const preview = useMemo(() => (camera ? new MediaStream([camera]) : null), [camera]);

  useEffect(() => {
    if (!session) return;
    const prefs = loadPreferences();
    setName((current) => current || prefs.displayName);
    void session.startPreview({ camera: prefs.camera, mic: prefs.mic });
  }, [session]);

  const cleaned = cleanDisplayName(name);
  const join = (event: FormEvent) => {
    event.preventDefault();
    if (!session || !cleaned) return;
    const { micOn, cameraOn } = session.media.snapshot;
    savePreferences({ displayName: cleaned, mic: micOn, camera: cameraOn });
    void session.join(cleaned);
  };
  const problem = toggles.camera.problem ?? toggles.mic.problem;

  return (
    <main className="mx-auto flex min-h-dvh max-w-5xl flex-col items-center justify-center gap-8 p-4 md:flex-row">
      <div className="w-full max-w-xl">
        <div className="relative aspect-video overflow-hidden rounded-xl bg-meet-tile">
          <StreamVideo
            data-testid="prejoin-preview"
            aria-label="Camera preview"
            stream={preview}
            muted
            mirrored
            className="h-full w-full object-cover"
          />
          {!camera && (
            <p className="absolute inset-0 flex items-center justify-center text-neutral-300">
              Camera is off
            </p>
          )}
          <div className="absolute bottom-3 left-1/2 flex -translate-x-1/2 gap-3">
            <ToggleButton
              testId="lobby-toggle-mic"
              {...toggles.mic}
              on={<MicIcon />}
              off={<MicOffIcon />}
            />
            <ToggleButton
              testId="lobby-toggle-camera"
              {...toggles.camera}
              on={<CameraIcon />}
              off={<CameraOffIcon />}
            />
          </div>
        </div>
        {problem && (
          <p role="alert" className="mt-3 text-sm text-amber-200">
            {problem} You can still join and see and hear everyone.
          </p>
        )}
      </div>
      <form
        onSubmit={join}
        className="flex w-full max-w-sm flex-col items-center gap-4 text-center"
      >
        <h1 className="text-3xl">Ready to join?</h1>
        <p className="text-neutral-300">{countLine(lobbyCount)}</p>
        <label className="w-full text-left text-sm text-neutral-300" htmlFor="display-name">
          Your name
        </label>
        <input
          id="display-name"
          data-testid="display-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={LIMITS.displayName}
          autoComplete="name"
          placeholder="What should people call you?"
          className="w-full rounded-md border border-neutral-500 bg-transparent px-4 py-3 focus:border-meet-accent focus:outline-none"
        />
        <button
          type="submit"
          data-testid="join-button"
          disabled={!session || !cleaned || joining}
          className="rounded-full bg-meet-accent px-8 py-3 font-medium text-neutral-900 hover:bg-blue-300 disabled:bg-neutral-600 disabled:text-neutral-300"
        >
          {joining ? 'Joining…' : 'Join now'}
        </button>
      </form>
    </main>
  );
}
