'use client';

import { useRoomState } from '@/hooks/useRoomState';
import { useShareFiles } from '@/hooks/useShareFiles';
import { FileIcon } from './sharingIcons';
import { controlSize } from '@/components/ui/ToggleButton';
import { Tooltip } from '@/components/ui/Tooltip';

/** Pick files to send to everyone in the call, browser to browser (also: drop them on the call). */
export function ShareFileButton() {
  const share = useShareFiles();
  const peers = useRoomState((s) => Object.keys(s.dataPeers).length);
  const label = peers > 0 ? 'Send a file to everyone' : 'Nobody to send a file to yet';
  return (
    <Tooltip text={label}>
      <label
        className={`relative flex ${controlSize} cursor-pointer items-center has-disabled:cursor-default has-disabled:opacity-50 justify-center rounded-full bg-meet-tile transition-colors focus-within:ring-2 focus-within:ring-white hover:bg-neutral-600`}
      >
        <FileIcon />
        <input
          type="file"
          multiple
          data-testid="share-file"
          data-peers={peers}
          disabled={peers === 0}
          aria-label={label}
          className="sr-only"
          onChange={(event) => {
            const input = event.currentTarget;
            share(Array.from(input.files ?? []));
            input.value = '';
          }}
        />
      </label>
    </Tooltip>
  );
}
