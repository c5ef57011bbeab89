import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FileTray } from '@/components/files/FileTray';
import { transferKey, type IncomingTransfer } from '@/lib/store/sharing';
import { renderInRoom } from '@/tests/unit/support/renderRoom';

const KEY = transferKey('peer-ann-12345', 'abcdefgh12');

function offered(over: Partial<IncomingTransfer> = {}): IncomingTransfer {
  return {
    direction: 'in',
    key: KEY,
    from: 'peer-ann-12345',
    fromName: 'Ann <b>',
    name: 'report.pdf',
    size: 2048,
    state: 'offered',
    bytes: 0,
    url: null,
    error: null,
    ...over,
  };
}

/** The tray renders one FileCard per incoming transfer, straight from the store. */
function renderCard(transfer = offered()) {
  const room = renderInRoom(<FileTray />);
  act(() => room.store.getState().putTransfer(transfer));
  const card = () => screen.getByTestId('file-card');
  const patch = (change: Partial<IncomingTransfer>) =>
    act(() => room.store.getState().patchIncoming(KEY, change));
  return { ...room, card, patch };
}

describe('FileCard', () => {
  it('an offer shows who sends what, as text, and accept calls the session with its key', async () => {
    const user = userEvent.setup();
    const { card, session } = renderCard();
    expect(card()).toHaveAttribute('data-state', 'offered');
    expect(card()).toHaveTextContent('Ann <b> wants to send you');
    expect(card()).toHaveTextContent('report.pdf (2.0 KB)');
    expect(card().querySelector('b')).toBeNull();
    expect(within(card()).queryByTestId('file-download')).toBeNull();
    await user.click(within(card()).getByTestId('file-accept'));
    expect(session.acceptFile).toHaveBeenCalledExactlyOnceWith(KEY);
    expect(session.declineFile).not.toHaveBeenCalled();
  });

  it('decline calls the session with its key', async () => {
    const user = userEvent.setup();
    const { card, session } = renderCard();
    await user.click(within(card()).getByTestId('file-decline'));
    expect(session.declineFile).toHaveBeenCalledExactlyOnceWith(KEY);
    expect(session.acceptFile).not.toHaveBeenCalled();
  });

  it('follows the store: progress while receiving (Stop declines), then a download link', async () => {
    const user = userEvent.setup();
    const { card, patch, session } = renderCard();
    patch({ state: 'receiving', bytes: 1024 });
    expect(card()).toHaveAttribute('data-state', 'receiving');
    expect(within(card()).getByTestId('file-progress')).toHaveAttribute('value', '1024');
    expect(within(card()).queryByTestId('file-accept')).toBeNull();
    await user.click(within(card()).getByTestId('file-stop'));
    expect(session.declineFile).toHaveBeenCalledExactlyOnceWith(KEY);

    patch({ state: 'done', bytes: 2048, url: 'blob:file-1' });
    expect(card()).toHaveAttribute('data-state', 'done');
    const download = within(card()).getByTestId('file-download');
    expect(download).toHaveAttribute('href', 'blob:file-1');
    expect(download).toHaveAttribute('download', 'report.pdf');
    await user.click(within(card()).getByTestId('file-dismiss'));
    expect(session.dismissFile).toHaveBeenCalledExactlyOnceWith(KEY);
  });

  it('failed and declined cards tell why and can be dismissed', async () => {
    const user = userEvent.setup();
    const { card, patch, session } = renderCard();
    patch({ state: 'failed', error: 'Ann cancelled the transfer.' });
    expect(card()).toHaveAttribute('data-state', 'failed');
    expect(card()).toHaveTextContent('Ann cancelled the transfer.');
    patch({ state: 'declined', error: null });
    expect(card()).toHaveAttribute('data-state', 'declined');
    expect(within(card()).queryByTestId('file-accept')).toBeNull();
    await user.click(within(card()).getByTestId('file-dismiss'));
    expect(session.dismissFile).toHaveBeenCalledExactlyOnceWith(KEY);
  });

  it('disappears when the store drops the transfer', () => {
    const { store } = renderCard();
    expect(screen.getByTestId('file-card')).toBeInTheDocument();
    act(() => store.getState().removeTransfer(KEY));
    expect(screen.queryByTestId('file-card')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Files' })).toBeNull();
  });
});
