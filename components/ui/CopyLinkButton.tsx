'use client';

import { useEffect, useState } from 'react';
import { LinkIcon } from './icons';
import { controlSize } from './ToggleButton';
import { Tooltip } from './Tooltip';

export function roomLink(): string {
  return typeof window === 'undefined' ? '' : window.location.origin + window.location.pathname;
}

/** Copies the room link; a "Link copied" toast says it worked. */
export function CopyLinkButton({ variant = 'round' }: { variant?: 'round' | 'text' }) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    const link = roomLink();
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      window.prompt('Copy this link', link);
    }
    setCopied(true);
  };

  const button =
    variant === 'round' ? (
      <button
        type="button"
        data-testid="copy-link"
        aria-label="Copy meeting link"
        onClick={() => void copy()}
        className={`flex ${controlSize} items-center justify-center rounded-full bg-meet-tile hover:bg-neutral-600 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none`}
      >
        <LinkIcon />
      </button>
    ) : (
      <button
        type="button"
        data-testid="copy-link-inline"
        onClick={() => void copy()}
        className="flex items-center gap-2 rounded-full px-3 py-2 font-medium text-meet-accent hover:bg-white/5 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none"
      >
        <LinkIcon className="h-5 w-5" /> Copy link
      </button>
    );

  return (
    <div className="relative">
      {variant === 'round' ? <Tooltip text="Copy meeting link">{button}</Tooltip> : button}
      <span
        role="status"
        className="pointer-events-none fixed bottom-24 left-1/2 z-50 -translate-x-1/2 whitespace-nowrap"
      >
        {copied && (
          <span className="rounded-md bg-neutral-100 px-3 py-2 text-sm text-neutral-900 shadow-lg">
            Link copied
          </span>
        )}
      </span>
    </div>
  );
}
