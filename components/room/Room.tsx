'use client';

import { useRoom } from '@/hooks/useRoom';
import { RoomContext, useRoomSession, useRoomState } from '@/hooks/useRoomState';
import { Call } from './Call';
import { LeftScreen } from './LeftScreen';
import { Lobby } from '@/components/lobby/Lobby';

/** The room page: lobby, then the call, then the "you left" screen. */
export function Room({ roomId }: { roomId: string }) {
  const { store, session } = useRoom(roomId);
  return (
    <RoomContext.Provider value={{ store, session }}>
      <RoomPhase />
    </RoomContext.Provider>
  );
}

function RoomPhase() {
  const phase = useRoomState((s) => s.phase);
  const error = useRoomState((s) => s.error);
  const reason = useRoomState((s) => s.leftReason);
  const session = useRoomSession();
  if (phase === 'in-call') return <Call />;
  if (phase === 'left' || phase === 'failed') {
    return <LeftScreen message={error} reason={reason} onRejoin={() => session?.rejoin()} />;
  }
  return <Lobby />;
}
