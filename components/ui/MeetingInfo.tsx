'use client';

import { useSyncExternalStore } from 'react';
import { CopyLinkButton, roomLink } from './CopyLinkButton';
import { QrCode } from './QrCode';

const noSubscribe = () => () => undefined;

/** The meeting link with a copy button and a QR code for phones. */
export function MeetingInfo({ compact = false }: { compact?: boolean }) {
  const link = useSyncExternalStore(noSubscribe, roomLink, () => '');
  return (
    <section
      aria-label="Meeting link"
      className={`flex ${compact ? 'flex-col' : 'flex-col sm:flex-row'} items-center gap-3 rounded-xl bg-meet-panel p-3 text-left`}
    >
      <QrCode text={link} size={compact ? 120 : 112} />
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-sm text-neutral-300">Share this link, or scan the code with a phone:</p>
        <p data-testid="room-link" className="font-mono text-sm break-words text-neutral-100">
          {/* Break after the host or at the code's dashes, never inside a word. */}
          {link.slice(0, link.lastIndexOf('/') + 1)}
          <wbr />
          {link.slice(link.lastIndexOf('/') + 1)}
        </p>
        <div className="-ml-3">
          <CopyLinkButton variant="text" />
        </div>
      </div>
    </section>
  );
}
