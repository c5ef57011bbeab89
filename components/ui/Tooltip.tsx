import type { ReactNode } from 'react';

/** A small label above a control, on hover and keyboard focus. The control keeps its own aria-label. */
export function Tooltip({ text, children }: { text: string; children: ReactNode }) {
  return (
    <div className="group relative">
      {children}
      <span
        aria-hidden="true"
        className="pointer-events-none absolute bottom-full left-1/2 z-30 mb-2 hidden -translate-x-1/2 rounded bg-neutral-700 px-2 py-1 text-xs whitespace-nowrap text-white shadow sm:group-focus-within:block sm:group-hover:block"
      >
        {text}
      </span>
    </div>
  );
}
