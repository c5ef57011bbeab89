import { describe, expect, it } from 'vitest';
import { lossBetween, qualityLevel, readQualitySample } from '@/lib/call/quality';

/** An RTCStatsReport is a read-only map of stats by id: a Map has the same forEach. */
const report = (...stats: Record<string, unknown>[]) =>
  new Map(stats.map((stat, i) => [String(i), stat])) as unknown as RTCStatsReport;

const pair = (over: Record<string, unknown> = {}) => ({
  type: 'candidate-pair',
  state: 'succeeded',
  nominated: true,
  currentRoundTripTime: 0.05,
  ...over,
});

describe('readQualitySample', () => {
  it('takes the round trip of the nominated, succeeded pair and sums inbound packets', () => {
    const sample = readQualitySample(
      report(
        pair({ nominated: false, currentRoundTripTime: 0.9 }),
        pair({ state: 'in-progress', currentRoundTripTime: 0.8 }),
        pair(),
        { type: 'inbound-rtp', kind: 'audio', packetsLost: 2, packetsReceived: 100 },
        { type: 'inbound-rtp', kind: 'video', packetsLost: 3, packetsReceived: 400 },
        { type: 'outbound-rtp', packetsSent: 999 },
      ),
    );
    expect(sample).toEqual({ rtt: 0.05, packetsLost: 5, packetsReceived: 500 });
  });

  it('also reads the selected pair (Firefox), and no pair means no round trip yet', () => {
    expect(readQualitySample(report(pair({ nominated: undefined, selected: true }))).rtt).toBe(
      0.05,
    );
    expect(readQualitySample(report()).rtt).toBeNull();
    expect(readQualitySample(report(pair({ currentRoundTripTime: undefined }))).rtt).toBeNull();
  });

  it('counts negative loss (duplicates) as none', () => {
    const sample = readQualitySample(
      report({ type: 'inbound-rtp', packetsLost: -4, packetsReceived: 10 }),
    );
    expect(sample.packetsLost).toBe(0);
  });
});

describe('lossBetween', () => {
  const sample = (packetsLost: number, packetsReceived: number) => ({
    rtt: 0.05,
    packetsLost,
    packetsReceived,
  });

  it('is the share lost in the interval, from the first sample on', () => {
    expect(lossBetween(null, sample(5, 95))).toBeCloseTo(0.05);
    expect(lossBetween(sample(5, 95), sample(15, 185))).toBeCloseTo(0.1);
  });

  it('is 0 with nothing lost or nothing flowing', () => {
    expect(lossBetween(sample(5, 95), sample(5, 195))).toBe(0);
    expect(lossBetween(sample(5, 95), sample(5, 95))).toBe(0);
    expect(lossBetween(null, sample(0, 0))).toBe(0);
  });
});

describe('qualityLevel', () => {
  it.each([
    [null, 0, 'unknown'],
    [0.05, 0, 'good'],
    [0.2, 0.02, 'good'],
    [0.21, 0, 'fair'],
    [0.05, 0.03, 'fair'],
    [0.4, 0.08, 'fair'],
    [0.41, 0, 'poor'],
    [0.05, 0.09, 'poor'],
  ] as const)('rtt %s s, loss %s -> %s', (rtt, loss, expected) => {
    expect(qualityLevel(rtt, loss)).toBe(expected);
  });
});
