'use client';

import { useEffect, useState } from 'react';
import { LinkIcon } from './icons';

/** Copies the room link; says "Link copied" for a moment. */
export function CopyLinkButton() {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    const link = window.location.origin + window.location.pathname;
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      window.prompt('Copy this link', link);
    }
    setCopied(true);
  };

  return (
    <div className="relative">
      <button
        type="button"
        data-testid="copy-link"
        aria-label="Copy meeting link"
        title="Copy meeting link"
        onClick={() => void copy()}
        className="flex h-12 w-12 items-center justify-center rounded-full bg-meet-tile hover:bg-neutral-600 focus:ring-2 focus:ring-white focus:outline-none"
      >
        <LinkIcon />
      </button>
      <span
        role="status"
        className="pointer-events-none absolute -top-9 left-1/2 -translate-x-1/2 whitespace-nowrap"
      >
        {copied && (
          <span className="rounded-md bg-neutral-100 px-2 py-1 text-sm text-neutral-900">
            Link copied
          </span>
        )}
      </span>
    </div>
  );
}
