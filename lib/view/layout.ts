/** Grid layout maths: how to place N tiles of one aspect ratio in a box, as large as possible. */
import { parsePinKey, screenPinKey, type PinKey } from './pinKey';

export interface GridLayout {
  cols: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

export function bestGrid(
  count: number,
  width: number,
  height: number,
  aspect = 16 / 9,
  gap = 8,
): GridLayout {
  if (count <= 0 || width <= 0 || height <= 0)
    return { cols: 0, rows: 0, tileWidth: 0, tileHeight: 0 };
  let best: GridLayout = { cols: 1, rows: count, tileWidth: 0, tileHeight: 0 };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const cellWidth = (width - gap * (cols - 1)) / cols;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    const tileWidth = Math.min(cellWidth, cellHeight * aspect);
    const tileHeight = tileWidth / aspect;
    // On a tie, more columns: two people sit side by side, not stacked.
    if (tileWidth >= best.tileWidth) best = { cols, rows, tileWidth, tileHeight };
  }
  return {
    ...best,
    tileWidth: Math.floor(best.tileWidth),
    tileHeight: Math.floor(best.tileHeight),
  };
}

/** Initials for an avatar: first letters of the first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  // First letter, digit or emoji of each word; words of only punctuation ("<img") are skipped.
  const letters = words
    .map((w) => w.match(/[\p{L}\p{N}\p{Extended_Pictographic}]/u)?.[0] ?? '')
    .filter(Boolean)
    .slice(0, 2);
  return letters.join('').toUpperCase() || '?';
}

export interface SpotlightSubject {
  id: string;
  media: { screen: boolean };
  screen: MediaStream | null;
}

/**
 * What the spotlight shows: the pinned tile (a person or a share, see
 * pinKey.ts) if it is still there, else the first screen share; null means
 * the plain grid.
 */
export function spotlightKey(
  participants: SpotlightSubject[],
  pinnedId: PinKey | null,
): PinKey | null {
  const presenting = (p: SpotlightSubject) => p.media.screen && p.screen !== null;
  if (pinnedId) {
    const pinned = parsePinKey(pinnedId);
    const found = participants.find(
      (p) => p.id === pinned.id && (pinned.kind === 'person' || presenting(p)),
    );
    if (found) return pinnedId;
  }
  const presenter = participants.find(presenting);
  return presenter ? screenPinKey(presenter.id) : null;
}
