'use client';

import type { ReactNode } from 'react';
import type { ToggleProps } from '@/hooks/useMediaToggles';

interface ToggleButtonProps extends ToggleProps {
  testId: string;
  on: ReactNode;
  off: ReactNode;
  /** Red when off (mic, camera), blue when on (screen share). */
  tone?: 'warn-off' | 'accent-on';
  title?: string;
}

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
  title,
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
    <button
      type="button"
      data-testid={testId}
      aria-pressed={pressed}
      aria-label={label}
      title={title ?? label}
      onClick={onClick}
      disabled={disabled}
      className={`flex h-12 w-12 items-center justify-center rounded-full transition-colors focus:ring-2 focus:ring-white focus:outline-none disabled:opacity-50 ${color}`}
    >
      {pressed ? on : off}
    </button>
  );
}
