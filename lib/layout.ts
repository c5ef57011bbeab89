/** Grid layout maths: how to place N tiles of one aspect ratio in a box, as large as possible. */

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
    if (tileWidth > best.tileWidth) best = { cols, rows, tileWidth, tileHeight };
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
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0] ?? '');
  return letters.join('').toUpperCase() || '?';
}
