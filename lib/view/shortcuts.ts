/** Keyboard shortcuts of the call, as in Google Meet: Ctrl/Cmd+D mic, Ctrl/Cmd+E camera. */

export type ShortcutAction = 'mic' | 'camera';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const KEYS: Record<string, ShortcutAction> = { d: 'mic', e: 'camera' };

export function shortcutAction(event: KeyLike): ShortcutAction | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return null;
  return KEYS[event.key.toLowerCase()] ?? null;
}

export function isApplePlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  return /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent);
}

/** The shortcut as people read it, e.g. "Ctrl+D" or "⌘+D". */
export function shortcutLabel(action: ShortcutAction, apple = isApplePlatform()): string {
  const key = action === 'mic' ? 'D' : 'E';
  return `${apple ? '⌘' : 'Ctrl'}+${key}`;
}

/** The aria-keyshortcuts value for both platforms. */
export function ariaShortcut(action: ShortcutAction): string {
  const key = action === 'mic' ? 'D' : 'E';
  return `Control+${key} Meta+${key}`;
}
