import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CallControls } from '@/components/controls/CallControls';
import { useShortcuts } from '@/hooks/useShortcuts';
import { shortcutAction, shortcutLabel } from '@/lib/view/shortcuts';
import { renderInRoom } from '@/tests/unit/support/renderRoom';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>>,
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcutAction', () => {
  it('Ctrl or Cmd + D is the mic, + E the camera', () => {
    expect(shortcutAction(key('d', { ctrlKey: true }))).toBe('mic');
    expect(shortcutAction(key('D', { metaKey: true }))).toBe('mic');
    expect(shortcutAction(key('e', { ctrlKey: true }))).toBe('camera');
  });
  it('ignores plain keys and other combinations', () => {
    expect(shortcutAction(key('d', {}))).toBeNull();
    expect(shortcutAction(key('d', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutAction(key('d', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutAction(key('x', { ctrlKey: true }))).toBeNull();
  });
  it('labels the shortcut for the platform', () => {
    expect(shortcutLabel('mic', false)).toBe('Ctrl+D');
    expect(shortcutLabel('camera', true)).toBe('⌘+E');
  });
});

function WithShortcuts() {
  useShortcuts();
  return <CallControls />;
}

describe('useShortcuts', () => {
  it('toggles mic and camera from the keyboard and stops the browser default', () => {
    const { session, store } = renderInRoom(<WithShortcuts />);
    const mic = screen.getByTestId('toggle-mic');
    expect(mic).toHaveAttribute('aria-pressed', 'false');
    const event = new KeyboardEvent('keydown', { key: 'd', ctrlKey: true, cancelable: true });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(session.toggleMic).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(window, { key: 'e', metaKey: true });
    expect(session.toggleCamera).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(window, { key: 'd' });
    expect(session.toggleMic).toHaveBeenCalledTimes(1);
    expect(store.getState().local.micOn).toBe(true);
  });
});
