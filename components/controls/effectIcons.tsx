import type { ReactNode, SVGProps } from 'react';

function Icon({ children, ...props }: SVGProps<SVGSVGElement> & { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

/** A clean waveform: noise suppression. */
export const NoiseSuppressionIcon = () => (
  <Icon>
    <path d="M3 12h2M7 8v8M11 5v14M15 8v8M19 11v2M21 12h0" />
  </Icon>
);

export const NoiseSuppressionOffIcon = () => (
  <Icon>
    <path d="M3 12h2M7 8v8M11 5v14M15 8v8M19 11v2" />
    <path d="M3 3l18 18" />
  </Icon>
);

/** A person before a dotted (blurred) background. */
export const BlurIcon = () => (
  <Icon>
    <circle cx="12" cy="9" r="3" />
    <path d="M6.5 20a5.5 5.5 0 0 1 11 0" />
    <path d="M3 4h.01M3 8h.01M3 12h.01M3 16h.01M21 4h.01M21 8h.01M21 12h.01M21 16h.01" />
  </Icon>
);

export const BlurOffIcon = () => (
  <Icon>
    <circle cx="12" cy="9" r="3" />
    <path d="M6.5 20a5.5 5.5 0 0 1 11 0" />
    <path d="M3 3l18 18" />
  </Icon>
);

/** Off: a record dot. On: a stop square (the button stops and saves). */
export const RecordIcon = ({ live }: { live: boolean }) => (
  <Icon>
    <circle cx="12" cy="12" r="9" />
    {live ? (
      <rect x="8.5" y="8.5" width="7" height="7" rx="1" fill="currentColor" />
    ) : (
      <circle cx="12" cy="12" r="4.5" fill="currentColor" stroke="none" className="text-red-500" />
    )}
  </Icon>
);
