import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IceRefresh } from '@/lib/call/iceRefresh';
import { ReturnWatch } from '@/lib/call/returnWatch';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('IceRefresh', () => {
  it('fetches fresh TURN credentials at 80 % of their lifetime, then again for the new ones', async () => {
    const fetch = vi.fn(async () => ({ iceServers: [{ urls: 'turn:a' }], iceTtlSeconds: 100 }));
    const apply = vi.fn();
    const refresh = new IceRefresh(fetch, apply);
    refresh.schedule(1000);
    await vi.advanceTimersByTimeAsync(799_999);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(apply).toHaveBeenCalledWith([{ urls: 'turn:a' }]);
    await vi.advanceTimersByTimeAsync(80_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    refresh.stop();
  });

  it('tries again a minute later when the fetch fails, and not at all without expiry', async () => {
    const fetch = vi
      .fn<() => Promise<{ iceServers: RTCIceServer[]; iceTtlSeconds: number | null }>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue({ iceServers: [], iceTtlSeconds: null });
    const apply = vi.fn();
    const refresh = new IceRefresh(fetch, apply);
    refresh.schedule(10);
    await vi.advanceTimersByTimeAsync(8000);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(apply).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(48_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(apply).toHaveBeenCalledWith([]);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('stop() cancels the pending refresh', async () => {
    const fetch = vi.fn(async () => ({ iceServers: [], iceTtlSeconds: 10 }));
    const refresh = new IceRefresh(fetch, vi.fn());
    refresh.schedule(10);
    refresh.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('ReturnWatch', () => {
  it('removes someone who does not come back within the grace, keeps someone who does', () => {
    const gone = vi.fn();
    const watch = new ReturnWatch(15_000, gone);
    watch.wait('ann');
    watch.wait('bob');
    watch.wait('bob'); // waiting twice does not restart the clock
    vi.advanceTimersByTime(10_000);
    watch.confirm('bob');
    vi.advanceTimersByTime(5_000);
    expect(gone.mock.calls).toEqual([['ann']]);
    vi.advanceTimersByTime(60_000);
    expect(gone.mock.calls).toEqual([['ann']]);
  });

  it('clear() forgets everyone it was waiting for', () => {
    const gone = vi.fn();
    const watch = new ReturnWatch(1000, gone);
    watch.wait('ann');
    watch.clear();
    vi.advanceTimersByTime(5000);
    expect(gone).not.toHaveBeenCalled();
  });
});
