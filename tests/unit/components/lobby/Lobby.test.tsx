import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Lobby } from '@/components/lobby/Lobby';
import { LIMITS } from '@/lib/protocol';
import { emptyLocalMedia } from '@/lib/store';
import { renderInRoom } from '@/tests/unit/support/renderRoom';

beforeEach(() => localStorage.clear());

describe('Lobby', () => {
  it('opens the lobby through the session and fills in the remembered name', async () => {
    const { session, store } = renderInRoom(<Lobby />);
    await waitFor(() => expect(session.openLobby).toHaveBeenCalledTimes(1));
    act(() => store.getState().setSelf(null, 'Ada'));
    expect(screen.getByTestId('display-name')).toHaveValue('Ada');
    expect(screen.getByTestId('prejoin-preview').tagName).toBe('VIDEO');
    expect(screen.getByTestId('prejoin-preview')).toHaveClass('mirror');
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toBeInTheDocument();
  });

  it('says who is here before joining', () => {
    const { store } = renderInRoom(<Lobby />);
    expect(screen.getByTestId('lobby-count')).toHaveTextContent('Checking');
    act(() => store.getState().setLobbyCount(0, 8));
    expect(screen.getByTestId('lobby-count')).toHaveTextContent('No one else is here yet');
    act(() => store.getState().setLobbyCount(3, 8));
    expect(screen.getByTestId('lobby-count')).toHaveTextContent('3 people are in this call');
  });

  it('joins with the name trimmed and its inner spaces folded', async () => {
    const user = userEvent.setup();
    const { session } = renderInRoom(<Lobby />);
    const name = screen.getByTestId('display-name');
    expect(name).toHaveAttribute('maxLength', String(LIMITS.displayName));
    expect(screen.getByTestId('join-button')).toBeDisabled();
    await user.type(name, '   Grace   Hopper  ');
    await user.click(screen.getByTestId('join-button'));
    expect(session.join).toHaveBeenCalledWith('Grace Hopper');
  });

  it('explains a blocked camera and how to allow it, and still lets you join', async () => {
    const user = userEvent.setup();
    const { store, session } = renderInRoom(<Lobby />);
    act(() =>
      store.getState().setLocal({
        ...emptyLocalMedia,
        cameraProblem: { kind: 'denied', message: 'Parley is not allowed to use your camera.' },
        micProblem: { kind: 'not-found', message: 'No microphone was found.' },
      }),
    );
    const alert = screen.getByTestId('media-problem');
    expect(alert).toHaveTextContent('not allowed to use your camera');
    expect(alert).toHaveTextContent('No microphone was found.');
    expect(alert).toHaveTextContent(/address bar.*Allow/);
    expect(alert).toHaveTextContent('You can still join');
    await user.type(screen.getByTestId('display-name'), 'Kim');
    await user.click(screen.getByTestId('join-button'));
    expect(session.join).toHaveBeenCalledWith('Kim');
  });

  it('says clearly when the call is full', () => {
    const { store } = renderInRoom(<Lobby />);
    act(() => store.getState().setLobbyCount(8, 8));
    expect(screen.getByRole('alert')).toHaveTextContent('This call is full (8 people)');
    expect(screen.getByTestId('join-button')).toBeDisabled();
  });

  it('shows the meeting link with a copy button and a QR code', () => {
    renderInRoom(<Lobby />);
    expect(screen.getByTestId('room-link')).toHaveTextContent(
      window.location.href.replace(/[?#].*$/, ''),
    );
    expect(screen.getByTestId('copy-link-inline')).toBeInTheDocument();
    expect(screen.getByTestId('room-qr').querySelector('path')?.getAttribute('d')).toMatch(/^M\d/);
  });
});
