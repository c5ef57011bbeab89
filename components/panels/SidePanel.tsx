'use client';

import type { ReactNode } from 'react';
import { useRoomState } from '@/hooks/useRoomState';

/** A side panel on wide screens, a bottom sheet on phones, with a title and a close button. */
export function SidePanel({ title, children }: { title: string; children: ReactNode }) {
  const setPanel = useRoomState((s) => s.setPanel);
  return (
    <aside
      aria-label={title}
      className="flex h-[65%] shrink-0 flex-col rounded-2xl bg-meet-panel md:h-auto md:w-80"
    >
      <div className="flex items-center justify-between px-4 pt-3 pb-2">
        <h2 className="text-lg font-medium">{title}</h2>
        <button
          type="button"
          aria-label={`Close ${title.toLowerCase()}`}
          onClick={() => setPanel(null)}
          className="flex h-10 w-10 items-center justify-center rounded-full text-xl hover:bg-white/10 focus-visible:ring-2 focus-visible:ring-white focus-visible:outline-none"
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="flex min-h-0 flex-1 flex-col">{children}</div>
    </aside>
  );
}
