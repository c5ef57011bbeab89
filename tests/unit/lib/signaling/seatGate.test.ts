import { afterEach, describe, expect, it, vi } from 'vitest';
import { SeatGate } from '@/lib/signaling/seatGate';

afterEach(() => vi.useRealTimers());

describe('SeatGate', () => {
  it('holds sends until the first seat, then runs them in order', () => {
    const gate = new SeatGate();
    const sent: number[] = [];
    gate.run(() => sent.push(1));
    gate.run(() => sent.push(2));
    expect(sent).toEqual([]);
    gate.open(true);
    expect(sent).toEqual([1, 2]);
    gate.run(() => sent.push(3));
    expect(sent).toEqual([1, 2, 3]);
  });

  it('after a drop, sends wait for the resumed seat; a new seat discards them', () => {
    const gate = SeatGate.seated();
    const sent: string[] = [];
    gate.close();
    gate.run(() => sent.push('held'));
    gate.open(false);
    expect(sent).toEqual([]);
    gate.close();
    gate.run(() => sent.push('kept'));
    gate.open(true);
    expect(sent).toEqual(['kept']);
  });

  it('whenOpen resolves on the seat and rejects after its timeout without one', async () => {
    vi.useFakeTimers();
    const gate = new SeatGate();
    const waiting = gate.whenOpen(1000);
    gate.open(true);
    await expect(waiting).resolves.toBeUndefined();
    gate.close();
    const late = gate.whenOpen(1000);
    vi.advanceTimersByTime(1000);
    await expect(late).rejects.toThrow('not connected to the meeting');
  });
});
