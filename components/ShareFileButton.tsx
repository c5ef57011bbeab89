'use client';

import { useShareFiles } from '@/hooks/useShareFiles';
import { FileIcon } from './sharingIcons';
import { controlSize } from './ToggleButton';
import { Tooltip } from './Tooltip';

/** Pick files to send to everyone in the call, browser to browser (also: drop them on the call). */
export function ShareFileButton() {
  const share = useShareFiles();
  return (
    <Tooltip text="Send a file to everyone">
      <label
        className={`relative flex ${controlSize} cursor-pointer items-center justify-center rounded-full bg-meet-tile transition-colors focus-within:ring-2 focus-within:ring-white hover:bg-neutral-600`}
      >
        <FileIcon />
        <input
          type="file"
          multiple
          data-testid="share-file"
          aria-label="Send a file to everyone"
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
