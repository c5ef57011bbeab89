// ConnectWatch: the escalation of a connection that does not come up, on fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectWatch, type ConnectStep } from '@/lib/webrtc/connectWatch';

let steps: ConnectStep[];
const STEP = 1000;
const watch = () => new ConnectWatch((step) => steps.push(step), STEP);

beforeEach(() => {
  vi.useFakeTimers();
  steps = [];
});
afterEach(() => vi.useRealTimers());

describe('ConnectWatch', () => {
  it('escalates one step per deadline, then waits for a manual retry', () => {
    const w = watch();
    vi.advanceTimersByTime(STEP - 1);
    expect(steps).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(steps).toEqual(['reoffer']);
    vi.advanceTimersByTime(STEP);
    expect(steps).toEqual(['reoffer', 'recreate']);
    expect(w.gaveUp).toBe(false);
    vi.advanceTimersByTime(STEP);
    expect(steps).toEqual(['reoffer', 'recreate', 'give-up']);
    expect(w.gaveUp).toBe(true);
    vi.advanceTimersByTime(STEP * 10);
    expect(steps).toHaveLength(3);
  });

  it('a visible failure takes the next step at once, and re-arms the deadline', () => {
    const w = watch();
    vi.advanceTimersByTime(STEP / 2);
    w.fail();
    expect(steps).toEqual(['reoffer']);
    vi.advanceTimersByTime(STEP - 1);
    expect(steps).toEqual(['reoffer']);
    w.fail();
    w.fail();
    expect(steps).toEqual(['reoffer', 'recreate', 'give-up']);
    w.fail();
    expect(steps).toHaveLength(3);
  });

  it('connected stops the escalation; a later refusal is offered again only once', () => {
    const w = watch();
    vi.advanceTimersByTime(STEP);
    w.connected();
    vi.advanceTimersByTime(STEP * 10);
    expect(steps).toEqual(['reoffer']);
    w.fail();
    w.fail();
    vi.advanceTimersByTime(STEP * 10);
    expect(steps).toEqual(['reoffer', 'reoffer']);
  });

  it('restart begins again from the first step; abandon and stop end it', () => {
    const w = watch();
    vi.advanceTimersByTime(STEP * 3);
    expect(w.gaveUp).toBe(true);
    w.restart();
    expect(w.gaveUp).toBe(false);
    vi.advanceTimersByTime(STEP);
    expect(steps.at(-1)).toBe('reoffer');
    w.abandon();
    expect(w.gaveUp).toBe(true);
    vi.advanceTimersByTime(STEP * 10);
    expect(steps).toHaveLength(4);
    w.restart();
    w.stop();
    w.fail();
    w.restart();
    vi.advanceTimersByTime(STEP * 10);
    expect(steps).toHaveLength(4);
  });
});
