'use client';

import { useEffect, useState } from 'react';
import { useShareFiles } from '@/hooks/useShareFiles';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/** Drop files anywhere on the call to send them to everyone; shows a hint while dragging. */
export function FileDrop() {
  const share = useShareFiles();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      share(Array.from(event.dataTransfer?.files ?? []));
    };
    document.addEventListener('dragenter', enter);
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragenter', enter);
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, [share]);

  if (!dragging) return null;
  return (
    <div
      data-testid="file-drop"
      className="pointer-events-none fixed inset-2 z-40 flex items-center justify-center rounded-2xl border-4 border-dashed border-meet-accent bg-black/60 text-xl"
    >
      Drop to send to everyone in the call
    </div>
  );
}
