'use client';

import type { ReactNode } from 'react';
import type { ToggleProps } from '@/hooks/useMediaToggles';
import { Tooltip } from './Tooltip';

interface ToggleButtonProps extends ToggleProps {
  testId: string;
  on: ReactNode;
  off: ReactNode;
  /** Red when off (mic, camera), blue when on (screen share, panels). */
  tone?: 'warn-off' | 'accent-on';
  /** Shown in the tooltip, e.g. "Ctrl+D". */
  shortcut?: string;
  /** aria-keyshortcuts, e.g. "Control+D Meta+D". */
  keyShortcuts?: string;
  children?: ReactNode;
}

export const controlSize = 'h-10 w-10 sm:h-12 sm:w-12';

/** A round call-control toggle; aria-pressed="true" means the thing is on. */
export function ToggleButton({
  testId,
  pressed,
  label,
  onClick,
  disabled,
  on,
  off,
  tone = 'warn-off',
  shortcut,
  keyShortcuts,
  children,
}: ToggleButtonProps) {
  const color =
    tone === 'warn-off'
      ? pressed
        ? 'bg-meet-tile hover:bg-neutral-600'
        : 'bg-meet-danger hover:bg-red-500'
      : pressed
        ? 'bg-meet-accent text-neutral-900 hover:bg-blue-300'
        : 'bg-meet-tile hover:bg-neutral-600';
  return (
    <Tooltip text={shortcut ? `${label} (${shortcut})` : label}>
      <button
        type="button"
        data-testid={testId}
        aria-pressed={pressed}
        aria-label={label}
        aria-keyshortcuts={keyShortcuts}
        onClick={onClick}
        disabled={disabled}
        className={`relative flex ${controlSize} items-center justify-center rounded-full transition-colors focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none disabled:opacity-50 ${color}`}
      >
        {pressed ? on : off}
        {children}
      </button>
    </Tooltip>
  );
}
