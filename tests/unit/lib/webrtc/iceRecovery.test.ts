import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IceRecovery, NO_PATH, RELAY_REFUSED } from '@/lib/webrtc/iceRecovery';

function fakeConnection(initial: RTCPeerConnectionState = 'connected') {
  const pc = { connectionState: initial, restartIce: vi.fn() };
  return pc as typeof pc & RTCPeerConnection;
}

describe('IceRecovery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('restarts ICE at once when the connection fails, and not after it recovered', () => {
    const pc = fakeConnection('failed');
    const recovery = new IceRecovery(pc, false);
    recovery.onConnectionState('failed');
    vi.advanceTimersByTime(0);
    expect(pc.restartIce).toHaveBeenCalledTimes(1);
    pc.connectionState = 'connected';
    recovery.onConnectionState('connected');
    vi.advanceTimersByTime(60_000);
    expect(pc.restartIce).toHaveBeenCalledTimes(1);
  });

  it('gives `disconnected` a grace period to recover by itself', () => {
    const pc = fakeConnection('disconnected');
    const recovery = new IceRecovery(pc, false, { disconnectedGraceMs: 3000 });
    recovery.onConnectionState('disconnected');
    vi.advanceTimersByTime(2999);
    expect(pc.restartIce).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(pc.restartIce).toHaveBeenCalledTimes(1);
  });

  it('the polite side waits longer, so the two sides seldom restart at once', () => {
    const impolite = fakeConnection('failed');
    const polite = fakeConnection('failed');
    new IceRecovery(impolite, false).onConnectionState('failed');
    new IceRecovery(polite, true, { politeExtraDelayMs: 2000 }).onConnectionState('failed');
    vi.advanceTimersByTime(1999);
    expect(impolite.restartIce).toHaveBeenCalledTimes(1);
    expect(polite.restartIce).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(polite.restartIce).toHaveBeenCalledTimes(1);
  });

  it('backs off between tries and says why after the last one', () => {
    const pc = fakeConnection('failed');
    const recovery = new IceRecovery(pc, false, { maxRestarts: 3, disconnectedGraceMs: 1000 });
    const problems: (string | null)[] = [];
    recovery.on('problem', (reason) => problems.push(reason));
    recovery.onConnectionState('failed');
    vi.advanceTimersByTime(0);
    expect(pc.restartIce).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000 + 1000); // grace + 2 s backoff - 1 s
    expect(pc.restartIce).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000 + 3000); // grace + 4 s backoff - 1 s
    expect(pc.restartIce).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(60_000);
    expect(pc.restartIce).toHaveBeenCalledTimes(3);
    expect(problems).toEqual([NO_PATH]);
    pc.connectionState = 'connected';
    recovery.onConnectionState('connected');
    expect(problems).toEqual([NO_PATH, null]);
  });

  it('a TURN 401 is reported as refused credentials', () => {
    const pc = fakeConnection('connecting');
    const recovery = new IceRecovery(pc, false);
    const problems: (string | null)[] = [];
    recovery.on('problem', (reason) => problems.push(reason));
    recovery.onConnectionState('connecting');
    recovery.onCandidateError(701);
    expect(problems).toEqual([]);
    recovery.onCandidateError(401);
    recovery.onCandidateError(401);
    expect(problems).toEqual([RELAY_REFUSED]);
  });

  it('stop() cancels a pending restart', () => {
    const pc = fakeConnection('failed');
    const recovery = new IceRecovery(pc, true);
    recovery.onConnectionState('failed');
    recovery.stop();
    vi.advanceTimersByTime(60_000);
    expect(pc.restartIce).not.toHaveBeenCalled();
  });
});
