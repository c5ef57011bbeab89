// A remote tile tells when the connection to its person could not be made,
// and its Retry button asks the session for a fresh connection.
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { VideoTile } from '@/components/stage/VideoTile';
import { useRoomState } from '@/hooks/useRoomState';
import { peer, renderInRoom } from '@/tests/unit/support/renderRoom';

function TileOf({ id }: { id: string }) {
  const participant = useRoomState((s) => s.participants[id]);
  return participant ? <VideoTile participant={participant} /> : null;
}

describe('VideoTile connection note', () => {
  it('says "Could not connect" with a Retry button, until the connection comes up', () => {
    const bob = peer('Bob');
    const { store, session } = renderInRoom(<TileOf id={bob.id} />);
    act(() => store.getState().addParticipant(bob));
    expect(screen.getByTestId('connection-note').textContent).toBe('Connecting…');
    expect(screen.queryByTestId('retry-connection')).toBeNull();

    act(() => store.getState().setParticipantUnreachable(bob.id, true));
    expect(screen.getByTestId('connection-note').textContent).toContain(
      'Could not connect to Bob.',
    );
    fireEvent.click(screen.getByTestId('retry-connection'));
    expect(session.retryConnection).toHaveBeenCalledWith(bob.id);

    act(() => store.getState().setParticipantConnection(bob.id, 'connected'));
    expect(screen.queryByTestId('connection-note')).toBeNull();
    expect(store.getState().participants[bob.id].unreachable).toBe(false);
  });
});
