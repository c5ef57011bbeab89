'use client';

import { useEffect } from 'react';
import { useRoomState } from '@/hooks/useRoomState';
import type { Toast } from '@/lib/store/ui';

const TOAST_MS = 4000;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useRoomState((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [dismiss, toast.id]);
  return (
    <div
      data-testid="toast"
      className="rounded-lg bg-neutral-100 px-4 py-2 text-sm text-neutral-900 shadow-lg"
    >
      {toast.text}
    </div>
  );
}

/** Short notices in the corner: who joined, who left. */
export function Toasts() {
  const toasts = useRoomState((s) => s.toasts);
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed bottom-24 left-4 z-50 flex flex-col gap-2"
    >
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
