// The stage: a grid of everyone, or one tile large (a share, or a pinned tile)
// with the rest in a filmstrip; and your own tile's speaking ring.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SelfView } from '@/components/stage/SelfView';
import { Stage } from '@/components/stage/Stage';
import { emptyLocalMedia } from '@/lib/store';
import { peer, renderInRoom } from '@/tests/unit/support/renderRoom';

const presenting = {} as MediaStream;

describe('Stage', () => {
  it('spotlights a share, and a pin moves the spotlight to a person or a share', () => {
    const ada = peer('Ada');
    const bob = peer('Bob', { screen: true });
    const { store } = renderInRoom(<Stage />);
    act(() => store.getState().addParticipant(ada));
    expect(screen.getByTestId('grid')).toBeInTheDocument();

    act(() => {
      store.getState().addParticipant(bob);
      store.getState().setParticipantStreams(bob.id, { camera: null, screen: presenting });
    });
    const spotlight = screen.getByTestId('spotlight');
    expect(spotlight).toHaveAttribute('data-focus', `screen:${bob.id}`);
    expect(screen.getAllByTestId('screen-tile')).toHaveLength(1);

    const adaTile = screen
      .getAllByTestId('remote-tile')
      .find((t) => t.getAttribute('data-participant-id') === ada.id)!;
    fireEvent.click(within(adaTile).getByTestId('pin-tile'));
    expect(store.getState().pinnedId).toBe(ada.id);
    expect(screen.getByTestId('spotlight')).toHaveAttribute('data-focus', ada.id);
    // Bob's share waits in the filmstrip, and pinning it brings it back.
    const share = screen.getByTestId('screen-tile');
    fireEvent.click(within(share).getByTestId('pin-tile'));
    expect(screen.getByTestId('spotlight')).toHaveAttribute('data-focus', `screen:${bob.id}`);
    fireEvent.click(within(screen.getByTestId('screen-tile')).getByTestId('pin-tile'));
    expect(store.getState().pinnedId).toBeNull();
  });
});

describe('SelfView', () => {
  it('rings while you speak with your mic on', () => {
    const { store } = renderInRoom(<SelfView />);
    const tile = screen.getByTestId('self-tile');
    act(() => store.getState().setLocal({ ...emptyLocalMedia, micOn: true }));
    expect(tile).toHaveAttribute('data-speaking', 'false');
    act(() => store.getState().setSelfSpeaking(true));
    expect(tile).toHaveAttribute('data-speaking', 'true');
    act(() => store.getState().setLocal({ ...emptyLocalMedia, micOn: false }));
    expect(tile).toHaveAttribute('data-speaking', 'false');
  });
});
