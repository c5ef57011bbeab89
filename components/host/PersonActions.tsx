'use client';

import { useState } from 'react';
import { useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { selectIsHost } from '@/lib/store';
import { PersonMenuItems } from './PersonMenuItems';
import { RemoveConfirm } from './RemoveConfirm';

/** Hosts: a "more" button on a person's tile or People entry: mute, camera, make host, remove. */
export function PersonActions({
  revealOnHover = false,
  id,
  name,
  align = 'right',
}: {
  id: string;
  name: string;
  align?: 'left' | 'right';
  /** On a tile: hidden until the tile is hovered or focused (as the pin), on wide screens. */
  revealOnHover?: boolean;
}) {
  const session = useRoomSession();
  const isHost = useRoomState(selectIsHost);
  const present = useRoomState((s) => Boolean(s.participants[id]));
  const open = useRoomState((s) => !s.roomControl.locked && !s.roomControl.waitingRoom);
  const [menu, setMenu] = useState<'closed' | 'open' | 'confirm'>('closed');
  if (!isHost || !present) return null;
  const removeNow = () => {
    session?.removeParticipant(id);
    setMenu('closed');
  };
  return (
    <div className="relative">
      <button
        type="button"
        data-testid="person-actions"
        aria-label={`More actions for ${name}`}
        aria-expanded={menu !== 'closed'}
        onClick={() => setMenu(menu === 'closed' ? 'open' : 'closed')}
        className={`flex h-8 w-8 items-center justify-center rounded-full bg-black/60 text-lg leading-none hover:bg-black/80 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none ${revealOnHover && menu === 'closed' ? 'sm:opacity-0 sm:group-hover/tile:opacity-100 sm:focus-visible:opacity-100' : ''}`}
      >
        <span aria-hidden="true">⋮</span>
      </button>
      {menu !== 'closed' && (
        <div
          role="menu"
          aria-label={`Actions for ${name}`}
          className={`absolute top-9 z-20 w-60 rounded-lg bg-meet-panel p-1 shadow-lg ring-1 ring-white/10 ${align === 'right' ? 'right-0' : 'left-0'}`}
        >
          {menu === 'confirm' ? (
            <RemoveConfirm
              name={name}
              onRemove={(lock) => {
                session?.removeParticipant(id, lock);
                setMenu('closed');
              }}
              onCancel={() => setMenu('closed')}
            />
          ) : (
            <PersonMenuItems
              id={id}
              name={name}
              onDone={() => setMenu('closed')}
              onRemove={() => (open ? setMenu('confirm') : removeNow())}
            />
          )}
        </div>
      )}
    </div>
  );
}
