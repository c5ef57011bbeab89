'use client';

import { useRoomState } from '@/hooks/useRoomState';
import { FileCard } from './FileCard';
import { OutgoingFileCard } from './OutgoingFileCard';

/** Files offered to you and files you send, stacked over the top-left of the call. */
export function FileTray() {
  const transfers = useRoomState((s) => s.transfers);
  const list = Object.values(transfers);
  if (list.length === 0) return null;
  return (
    <section
      aria-label="Files"
      className="absolute top-2 left-2 z-20 max-h-[calc(100%-1rem)] w-72 max-w-[calc(100%-1rem)] overflow-y-auto"
    >
      <ul className="flex flex-col gap-2">
        {list.map((t) =>
          t.direction === 'in' ? (
            <FileCard key={t.key} transfer={t} />
          ) : (
            <OutgoingFileCard key={t.key} transfer={t} />
          ),
        )}
      </ul>
    </section>
  );
}
