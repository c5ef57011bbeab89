'use client';

import { useRoomState } from '@/hooks/useRoomState';
import { useShortcuts } from '@/hooks/useShortcuts';
import { spotlightKey } from '@/lib/view/layout';
import { CallControls } from '@/components/controls/CallControls';
import { ChatPanel } from '@/components/panels/ChatPanel';
import { FileDrop } from '@/components/files/FileDrop';
import { FileTray } from '@/components/files/FileTray';
import { ParticipantsPanel } from '@/components/panels/ParticipantsPanel';
import { PresentingBanner } from '@/components/stage/PresentingBanner';
import { RecordingIndicator } from '@/components/stage/RecordingIndicator';
import { RemoteAudio } from '@/components/stage/RemoteAudio';
import { SelfView } from '@/components/stage/SelfView';
import { Stage } from '@/components/stage/Stage';
import { CameraRequestPrompt } from '@/components/host/CameraRequestPrompt';
import { RoomStateBadges } from '@/components/host/RoomStateBadges';
import { Toasts } from '@/components/ui/Toasts';

/** The call: the stage with everyone else, your self-view, a side panel, the controls. */
export function Call() {
  const roomId = useRoomState((s) => s.roomId);
  const link = useRoomState((s) => s.link);
  const panel = useRoomState((s) => s.panel);
  // On a phone the filmstrip fills the width: the self-view moves to the top corner.
  const spotlight = useRoomState(
    (s) => spotlightKey(Object.values(s.participants), s.pinnedId) !== null,
  );
  useShortcuts();

  return (
    <main className="flex h-dvh flex-col gap-2 overflow-hidden p-2 sm:p-3">
      {link === 'reconnecting' && (
        <div
          role="status"
          data-testid="reconnecting"
          className="rounded-md bg-amber-700 px-3 py-1 text-center text-sm text-white"
        >
          Connection lost. Reconnecting…
        </div>
      )}
      <PresentingBanner />
      <RecordingIndicator />
      <RoomStateBadges />
      <div className="flex min-h-0 flex-1 flex-col gap-2 md:flex-row md:gap-3">
        <div className="relative min-w-0 flex-1">
          <Stage />
          <FileTray />
          <div
            className={`absolute right-2 w-28 sm:w-48 lg:w-56 ${spotlight ? 'top-2 sm:top-auto sm:bottom-2' : 'bottom-2'}`}
          >
            <SelfView />
          </div>
        </div>
        {panel === 'chat' && <ChatPanel />}
        {panel === 'people' && <ParticipantsPanel />}
      </div>
      <footer className="relative flex items-center justify-center pb-1">
        <span className="absolute left-2 hidden font-mono text-sm text-neutral-300 lg:block">
          {roomId}
        </span>
        <CallControls />
      </footer>
      <Toasts />
      <CameraRequestPrompt />
      <FileDrop />
      <RemoteAudio />
    </main>
  );
}
