import { useMemo } from 'react';
import { qrPath } from '@/lib/view/qr';

/** The meeting link as a QR code, so a phone can join by pointing its camera at it. */
export function QrCode({ text, size = 144 }: { text: string; size?: number }) {
  const qr = useMemo(() => (text ? qrPath(text) : null), [text]);
  if (!qr) return null;
  const view = qr.size + 8;
  return (
    <svg
      data-testid="room-qr"
      role="img"
      aria-label="QR code of the meeting link"
      viewBox={`-4 -4 ${view} ${view}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      className="rounded-md bg-white"
    >
      <rect x="-4" y="-4" width={view} height={view} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}
