import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FileTray } from '@/components/files/FileTray';
import { transferKey, type OutgoingTransfer, type Recipient } from '@/lib/store/sharing';
import { renderInRoom } from '@/tests/unit/support/renderRoom';

const KEY = transferKey('me-123456789', 'abcdefgh12');

function sending(): OutgoingTransfer {
  return {
    direction: 'out',
    key: KEY,
    name: 'slides.key',
    size: 4096,
    state: 'preparing',
    recipients: {
      'peer-bob-1234': { name: 'Bob', state: 'offered', bytes: 0 },
      'peer-cat-1234': { name: 'Cat', state: 'offered', bytes: 0 },
    },
    error: null,
  };
}

function renderCard() {
  const room = renderInRoom(<FileTray />);
  act(() => room.store.getState().putTransfer(sending()));
  const card = () => screen.getByTestId('file-outgoing');
  const row = (id: string) =>
    within(card())
      .getAllByTestId('file-recipient')
      .find((r) => r.dataset.participantId === id)!;
  const recipient = (id: string, change: Partial<Recipient>) =>
    act(() => room.store.getState().patchRecipient(KEY, id, change));
  const patch = (change: Partial<OutgoingTransfer>) =>
    act(() => room.store.getState().patchOutgoing(KEY, change));
  return { ...room, card, row, recipient, patch };
}

describe('OutgoingFileCard', () => {
  it('shows each recipient from the store, and Cancel calls the session with its key', async () => {
    const user = userEvent.setup();
    const { card, row, recipient, patch, session } = renderCard();
    expect(card()).toHaveAttribute('data-state', 'preparing');
    expect(card()).toHaveTextContent('You · Preparing…');
    expect(screen.queryByTestId('file-card')).toBeNull();
    patch({ state: 'active' });
    recipient('peer-bob-1234', { state: 'sending', bytes: 1024 });
    recipient('peer-cat-1234', { state: 'declined' });
    expect(card()).toHaveTextContent('You · Sending');
    expect(row('peer-bob-1234')).toHaveAttribute('data-state', 'sending');
    expect(row('peer-bob-1234').querySelector('progress')).toHaveAttribute('value', '1024');
    expect(row('peer-cat-1234')).toHaveTextContent('declined');
    await user.click(within(card()).getByTestId('file-cancel'));
    expect(session.cancelFile).toHaveBeenCalledExactlyOnceWith(KEY);
    expect(session.dismissFile).not.toHaveBeenCalled();
  });

  it('once finished or cancelled the button dismisses the card', async () => {
    const user = userEvent.setup();
    const { card, row, recipient, patch, session } = renderCard();
    recipient('peer-bob-1234', { state: 'done', bytes: 4096 });
    recipient('peer-cat-1234', { state: 'failed' });
    patch({ state: 'finished' });
    expect(card()).toHaveAttribute('data-state', 'finished');
    expect(card()).toHaveTextContent('You · Sent');
    expect(row('peer-bob-1234')).toHaveTextContent('received');
    expect(within(card()).queryByTestId('file-cancel')).toBeNull();
    await user.click(within(card()).getByTestId('file-dismiss'));
    expect(session.dismissFile).toHaveBeenCalledExactlyOnceWith(KEY);
    expect(session.cancelFile).not.toHaveBeenCalled();

    patch({ state: 'cancelled' });
    expect(card()).toHaveTextContent('You · Cancelled');
    expect(within(card()).getByTestId('file-dismiss')).toBeInTheDocument();
  });
});
