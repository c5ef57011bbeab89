import { describe, expect, it } from 'vitest';
import { bestGrid, initials, spotlightKey } from '@/lib/view/layout';
import { personPinKey, screenPinKey } from '@/lib/view/pinKey';

describe('bestGrid', () => {
  it.each([
    [1, 1, 1],
    [2, 2, 1],
    [3, 2, 2],
    [4, 2, 2],
    [5, 3, 2],
    [6, 3, 2],
    [9, 3, 3],
  ])('%i tiles in a 16:9 desktop box: %i x %i', (count, cols, rows) => {
    const g = bestGrid(count, 1600, 900, 16 / 9, 0);
    expect([g.cols, g.rows]).toEqual([cols, rows]);
  });

  it('keeps the tile aspect and fits the box, gaps included', () => {
    for (let count = 1; count <= 12; count++) {
      const g = bestGrid(count, 1200, 700, 16 / 9, 8);
      expect(Math.abs(g.tileWidth / g.tileHeight - 16 / 9)).toBeLessThan(0.05);
      expect(g.cols * g.tileWidth + (g.cols - 1) * 8).toBeLessThanOrEqual(1200);
      expect(g.rows * g.tileHeight + (g.rows - 1) * 8).toBeLessThanOrEqual(700);
      expect(g.cols * g.rows).toBeGreaterThanOrEqual(count);
    }
  });

  it('stacks tiles in one column on a phone', () => {
    expect(bestGrid(2, 340, 560).cols).toBe(1);
    expect(bestGrid(3, 340, 560).cols).toBe(1);
  });

  it('is empty for nothing to place or no room', () => {
    expect(bestGrid(0, 800, 600).cols).toBe(0);
    expect(bestGrid(3, 0, 600).tileWidth).toBe(0);
  });
});

describe('initials', () => {
  it.each([
    ['Ada Lovelace', 'AL'],
    ['grace', 'G'],
    ['  mary  ann  evans ', 'MA'],
    ['', '?'],
    ['😀 Smile', '😀S'],
  ])('%j -> %s', (name, expected) => expect(initials(name)).toBe(expected));
});

describe('spotlightKey', () => {
  const stream = {} as MediaStream;
  const a = { id: 'a', media: { screen: false }, screen: null };
  const b = { id: 'b', media: { screen: true }, screen: stream };
  it('is the plain grid when nobody presents and nothing is pinned', () => {
    expect(spotlightKey([a], null)).toBeNull();
  });
  it('spotlights a screen share', () => {
    expect(spotlightKey([a, b], null)).toBe(screenPinKey('b'));
  });
  it('a pin wins over a share, and a stale pin is ignored', () => {
    expect(spotlightKey([a, b], personPinKey('a'))).toBe('a');
    expect(spotlightKey([a, b], screenPinKey('b'))).toBe('screen:b');
    expect(spotlightKey([a], personPinKey('gone'))).toBeNull();
    expect(
      spotlightKey([a, { ...b, media: { screen: false }, screen: null }], screenPinKey('b')),
    ).toBeNull();
  });
  it('a pinned person who also presents shows their camera, not their share', () => {
    expect(spotlightKey([a, b], personPinKey('b'))).toBe('b');
  });
});

describe('initials of names with markup', () => {
  it('skips punctuation-only words', () => {
    expect(initials('Bob <img src=x>')).toBe('BI');
    expect(initials('<>')).toBe('?');
  });
});
