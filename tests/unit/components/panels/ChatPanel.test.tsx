import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ChatPanel } from '@/components/panels/ChatPanel';
import { LIMITS, type ChatMessage } from '@/lib/protocol';
import { SignalingError } from '@/lib/signaling/signalingClient';
import { renderInRoom } from '@/tests/unit/support/renderRoom';

const XSS_NAME = '<img src=x onerror="window.__pwned=1">';
const XSS_TEXT = '<script>window.__pwned=2</script><b>bold</b> <a href="javascript:alert(1)">x</a>';

function message(over: Partial<ChatMessage>): ChatMessage {
  return {
    id: Math.random().toString(36),
    from: 'them-12345',
    displayName: 'Them',
    text: 'hi',
    sentAt: Date.UTC(2026, 0, 1, 9, 5),
    ...over,
  };
}

describe('ChatPanel', () => {
  it('sends trimmed text, clears the input, and shows messages with sender and time', async () => {
    const user = userEvent.setup();
    const { store, session } = renderInRoom(<ChatPanel />);
    act(() => store.getState().setSelf('me-1234567', 'Me'));
    const input = screen.getByTestId('chat-input');
    expect(input).toHaveAttribute('maxLength', String(LIMITS.chatMessage));
    expect(screen.getByTestId('chat-send')).toBeDisabled();
    await user.type(input, '  hello all  {Enter}');
    expect(session.sendChat).toHaveBeenCalledWith('hello all');
    expect(input).toHaveValue('');
    act(() => {
      store
        .getState()
        .addChatMessage(
          message({ id: 'a', from: 'me-1234567', displayName: 'Me', text: 'hello all' }),
        );
      store.getState().addChatMessage(message({ id: 'b', text: 'welcome' }));
    });
    const items = screen.getAllByTestId('chat-message');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByTestId('chat-sender')).toHaveTextContent('You');
    expect(within(items[1]).getByTestId('chat-sender')).toHaveTextContent('Them');
    expect(within(items[1]).getByText('welcome')).toBeInTheDocument();
    expect(items[1].querySelector('time')).toHaveAttribute(
      'dateTime',
      new Date(Date.UTC(2026, 0, 1, 9, 5)).toISOString(),
    );
  });

  it('renders HTML-looking names and messages as text only', () => {
    const { store, container } = renderInRoom(<ChatPanel />);
    act(() => store.getState().addChatMessage(message({ displayName: XSS_NAME, text: XSS_TEXT })));
    const item = screen.getByTestId('chat-message');
    expect(within(item).getByTestId('chat-sender').textContent).toBe(XSS_NAME);
    expect(within(item).getByTestId('chat-text').textContent).toBe(XSS_TEXT);
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('makes http(s) links clickable and safe, and nothing else', () => {
    const { store } = renderInRoom(<ChatPanel />);
    act(() =>
      store
        .getState()
        .addChatMessage(
          message({ text: 'docs at https://example.com/x. not javascript:alert(1)' }),
        ),
    );
    const links = screen.getAllByRole('link');
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute('href', 'https://example.com/x');
    expect(links[0]).toHaveAttribute('rel', 'noopener noreferrer');
    expect(links[0]).toHaveAttribute('target', '_blank');
  });

  it('says so when the server rate-limits, and keeps the text', async () => {
    const user = userEvent.setup();
    const { session } = renderInRoom(<ChatPanel />);
    session.sendChat.mockRejectedValueOnce(new SignalingError('rate-limited', 'slow down'));
    await user.type(screen.getByTestId('chat-input'), 'spam{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(/too fast/);
    expect(screen.getByTestId('chat-input')).toHaveValue('spam');
  });
});
