import { describe, expect, test } from 'vitest';
import { edgeRamp, PersonMask } from '@/lib/media/effects/personMask';

const alphas = (rgba: Uint8ClampedArray) => Array.from(rgba.filter((_, i) => i % 4 === 3));

describe('edgeRamp', () => {
  test('0 below the band, 1 above, smooth and increasing inside', () => {
    expect(edgeRamp(0.1, 0.3, 0.7)).toBe(0);
    expect(edgeRamp(0.9, 0.3, 0.7)).toBe(1);
    expect(edgeRamp(0.5, 0.3, 0.7)).toBeCloseTo(0.5);
    const inside = [0.35, 0.45, 0.55, 0.65].map((x) => edgeRamp(x, 0.3, 0.7));
    expect(inside).toEqual([...inside].sort((a, b) => a - b));
  });
});

describe('PersonMask', () => {
  test('the first mask maps confidence to alpha (white pixels), with a soft band', () => {
    const mask = new PersonMask({ newWeight: 0.5, low: 0.3, high: 0.7 });
    const rgba = mask.update(new Float32Array([0, 0.2, 0.5, 0.8, 1]));
    expect(rgba.length).toBe(20);
    expect(alphas(rgba)).toEqual([0, 0, 128, 255, 255]);
    expect(Array.from(rgba.slice(0, 3))).toEqual([255, 255, 255]);
  });

  test('later masks are blended with the running one, so a one-frame flicker is damped', () => {
    const mask = new PersonMask({ newWeight: 0.5, low: 0, high: 1 });
    mask.update(new Float32Array([1, 0]));
    const flicker = mask.update(new Float32Array([0, 1]));
    expect(alphas(flicker)).toEqual([128, 128]);
    // The same confidence again and again converges on it.
    let rgba = flicker;
    for (let i = 0; i < 12; i++) rgba = mask.update(new Float32Array([0, 1]));
    expect(alphas(rgba)).toEqual([0, 255]);
  });

  test('a mask of another size (or reset) starts afresh', () => {
    const mask = new PersonMask({ newWeight: 0.5, low: 0, high: 1 });
    mask.update(new Float32Array([1, 1]));
    expect(alphas(mask.update(new Float32Array([0, 0, 0])))).toEqual([0, 0, 0]);
    mask.reset();
    expect(alphas(mask.update(new Float32Array([1, 1, 1])))).toEqual([255, 255, 255]);
  });
});
