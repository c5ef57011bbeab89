import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CallControls } from '@/components/controls/CallControls';
import { emptyLocalMedia } from '@/lib/store';
import { peer, renderInRoom } from '@/tests/unit/support/renderRoom';

describe('CallControls', () => {
  it('every toggle has a label and aria-pressed that follows the state', async () => {
    const user = userEvent.setup();
    const { store, session } = renderInRoom(<CallControls />);
    act(() => store.getState().setLocal({ ...emptyLocalMedia, micOn: true, cameraOn: false }));
    const mic = screen.getByTestId('toggle-mic');
    const camera = screen.getByTestId('toggle-camera');
    expect(mic).toHaveAttribute('aria-pressed', 'true');
    expect(mic).toHaveAccessibleName('Turn off microphone');
    expect(camera).toHaveAttribute('aria-pressed', 'false');
    expect(camera).toHaveAccessibleName('Turn on camera');
    for (const id of [
      'toggle-mic',
      'toggle-camera',
      'toggle-screen',
      'chat-toggle',
      'people-toggle',
    ]) {
      const button = screen.getByTestId(id);
      expect(button).toHaveAttribute('aria-pressed');
      expect(button.getAttribute('aria-label')).toBeTruthy();
    }
    await user.click(mic);
    expect(session.toggleMic).toHaveBeenCalledOnce();
    expect(mic).toHaveAttribute('aria-pressed', 'false');
    await user.click(screen.getByTestId('leave'));
    expect(session.leave).toHaveBeenCalledOnce();
    expect(screen.getByTestId('leave')).toHaveAccessibleName('Leave call');
  });

  it('tooltips name the shortcuts, as in Meet', () => {
    renderInRoom(<CallControls />);
    const toolbar = screen.getByRole('toolbar', { name: 'Call controls' });
    expect(toolbar).toHaveTextContent(/Turn on microphone \(Ctrl\+D\)/);
    expect(toolbar).toHaveTextContent(/Turn on camera \(Ctrl\+E\)/);
    expect(screen.getByTestId('toggle-mic')).toHaveAttribute(
      'aria-keyshortcuts',
      'Control+D Meta+D',
    );
  });

  it('participant-count is a bare number including yourself', () => {
    const { store } = renderInRoom(<CallControls />);
    expect(screen.getByTestId('participant-count')).toHaveTextContent(/^1$/);
    act(() => {
      store.getState().addParticipant(peer('Bo'));
      store.getState().addParticipant(peer('Cy'));
    });
    expect(screen.getByTestId('participant-count')).toHaveTextContent(/^3$/);
  });

  it('chat and people toggles open one panel at a time; the unread badge clears on open', async () => {
    const user = userEvent.setup();
    const { store } = renderInRoom(<CallControls />);
    act(() => {
      store.getState().setSelf('me-123456', 'Me');
      store
        .getState()
        .addChatMessage({ id: 'm1', from: 'other-1234', displayName: 'O', text: 'hi', sentAt: 1 });
      store
        .getState()
        .addChatMessage({ id: 'm2', from: 'me-123456', displayName: 'Me', text: 'yo', sentAt: 2 });
    });
    const chat = screen.getByTestId('chat-toggle');
    expect(within(chat).getByTestId('chat-unread')).toHaveTextContent('1');
    expect(chat).toHaveAccessibleName('Open chat, 1 unread');
    await user.click(chat);
    expect(store.getState().panel).toBe('chat');
    expect(chat).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByTestId('chat-unread')).toBeNull();
    await user.click(screen.getByTestId('people-toggle'));
    expect(store.getState().panel).toBe('people');
    expect(chat).toHaveAttribute('aria-pressed', 'false');
  });
});
