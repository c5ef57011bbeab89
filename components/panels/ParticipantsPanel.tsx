'use client';

import { useShallow } from 'zustand/react/shallow';
import { useRoomState } from '@/hooks/useRoomState';
import { selectParticipantList } from '@/lib/store';
import { HostBadge } from '@/components/host/HostBadge';
import { HostToolbar } from '@/components/host/HostToolbar';
import { KnockList } from '@/components/host/KnockList';
import { PersonActions } from '@/components/host/PersonActions';
import { Avatar } from '@/components/ui/Avatar';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from '@/components/ui/icons';
import { MeetingInfo } from '@/components/ui/MeetingInfo';
import { RaisedHands } from './RaisedHands';
import { SidePanel } from './SidePanel';

function MediaIcons({ name, mic, camera }: { name: string; mic: boolean; camera: boolean }) {
  const cls = 'h-5 w-5';
  return (
    <span className="flex shrink-0 items-center gap-2 text-neutral-300">
      {mic ? (
        <MicIcon
          className={cls}
          aria-label={`${name}: microphone on`}
          aria-hidden="false"
          role="img"
        />
      ) : (
        <MicOffIcon
          className={`${cls} text-red-300`}
          aria-label={`${name}: microphone off`}
          aria-hidden="false"
          role="img"
        />
      )}
      {camera ? (
        <CameraIcon
          className={cls}
          aria-label={`${name}: camera on`}
          aria-hidden="false"
          role="img"
        />
      ) : (
        <CameraOffIcon
          className={`${cls} text-red-300`}
          aria-label={`${name}: camera off`}
          aria-hidden="false"
          role="img"
        />
      )}
    </span>
  );
}

/** Everyone in the call, you first, with their mic and camera state. */
export function ParticipantsPanel() {
  const others = useRoomState(useShallow(selectParticipantList));
  const me = useRoomState(
    useShallow((s) => ({
      name: s.displayName,
      mic: s.local.micOn,
      camera: s.local.camera !== null,
    })),
  );
  const people = [
    { id: 'self', name: me.name, you: true, mic: me.mic, camera: me.camera },
    ...others.map((p) => ({
      id: p.id,
      name: p.displayName,
      you: false,
      mic: p.media.mic,
      camera: p.media.camera,
    })),
  ];
  return (
    <SidePanel title="People">
      {/* One scroll area (host controls and knocks can be long); focusable, so it scrolls from the keyboard too. */}
      <div
        tabIndex={0}
        role="region"
        aria-label="People and meeting controls"
        className="min-h-0 flex-1 overflow-y-auto pb-3"
      >
        <div className="px-4">
          <MeetingInfo compact />
        </div>
        <HostToolbar />
        <KnockList />
        <RaisedHands />
        <h3 className="px-4 pt-4 pb-1 text-xs font-medium tracking-wide text-neutral-300 uppercase">
          In the call ({people.length})
        </h3>
        <ul aria-label="People in the call" className="px-2">
          {people.map((p) => (
            <li
              key={p.id}
              data-testid="participant-row"
              data-mic={p.mic ? 'on' : 'off'}
              data-camera={p.camera ? 'on' : 'off'}
              className="flex items-center gap-3 rounded-lg px-2 py-2 hover:bg-white/5"
            >
              <Avatar name={p.name} size="xs" />
              <span className="min-w-0 flex-1 truncate">
                {p.name}
                {p.you && <span className="text-neutral-300"> (You)</span>}
              </span>
              <HostBadge id={p.you ? null : p.id} />
              <MediaIcons name={p.name} mic={p.mic} camera={p.camera} />
              {!p.you && <PersonActions id={p.id} name={p.name} />}
            </li>
          ))}
        </ul>
      </div>
    </SidePanel>
  );
}
