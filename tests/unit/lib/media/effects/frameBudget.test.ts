import { describe, expect, test } from 'vitest';
import { FrameBudget } from '@/lib/media/effects/frameBudget';

describe('FrameBudget', () => {
  test('frames within the camera interval never give up', () => {
    const budget = new FrameBudget(10);
    for (let i = 0; i < 200; i++) expect(budget.add(60)).toBe(false);
    expect(budget.average).toBe(60);
  });

  test('slow warm-up frames do not count', () => {
    const budget = new FrameBudget(10, 10, 5);
    for (let i = 0; i < 10; i++) expect(budget.add(5000)).toBe(false);
    for (let i = 0; i < 50; i++) expect(budget.add(50)).toBe(false);
  });

  test('a sustained overrun gives up after a full window over budget, not at the first slow frame', () => {
    const budget = new FrameBudget(10, 0, 5);
    const verdicts = Array.from({ length: 10 }, () => budget.add(150));
    // 5 frames fill the window, then it must stay over budget for 5 more.
    expect(verdicts.indexOf(true)).toBe(8);
  });

  test('one slow spike inside a good run is forgiven', () => {
    const budget = new FrameBudget(10, 0, 5);
    const times = [50, 50, 50, 50, 50, 400, 50, 50, 50, 50, 50, 50, 50, 50];
    expect(times.some((t) => budget.add(t))).toBe(false);
  });
});

describe('FrameBudget: skipped camera frames', () => {
  test('fast frames that skip more than a quarter of the camera frames give up', () => {
    const budget = new FrameBudget(10, 0, 5);
    // Every frame made in 5 ms, but one camera frame in two went by unmade.
    const verdicts = Array.from({ length: 10 }, () => budget.add(5, 1));
    expect(budget.skippedShare).toBeCloseTo(0.5);
    expect(verdicts.indexOf(true)).toBe(8);
  });

  test('an occasional skipped frame is forgiven', () => {
    const budget = new FrameBudget(10, 0, 8);
    const verdicts = Array.from({ length: 100 }, (_, i) => budget.add(5, i % 8 === 0 ? 1 : 0));
    expect(verdicts.some(Boolean)).toBe(false);
    expect(budget.skippedShare).toBeLessThan(0.25);
  });

  test('an explicit budget replaces the camera interval (a tiny one always overruns)', () => {
    const budget = new FrameBudget(10, 2, 5, 0.001);
    expect(budget.budgetMs).toBe(0.001);
    const verdicts = Array.from({ length: 20 }, () => budget.add(1));
    expect(verdicts.indexOf(true)).toBe(2 + 8);
  });
});
