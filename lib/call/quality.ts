/** Connection quality from RTCPeerConnection.getStats: round-trip time and packet loss. */
import type { Quality } from '@/lib/store/ui';

export interface QualitySample {
  /** Seconds, from the selected candidate pair; null when not known yet. */
  rtt: number | null;
  packetsLost: number;
  packetsReceived: number;
}

/** What quality reads of a stats report: its entries (an RTCStatsReport, or a filtered Map of one). */
export interface StatsEntries {
  forEach(callback: (stat: Record<string, unknown>) => void): void;
}

export function readQualitySample(report: StatsEntries): QualitySample {
  let rtt: number | null = null;
  let packetsLost = 0;
  let packetsReceived = 0;
  report.forEach((stat: Record<string, unknown>) => {
    if (
      stat.type === 'candidate-pair' &&
      stat.state === 'succeeded' &&
      (stat.nominated === true || stat.selected === true) &&
      typeof stat.currentRoundTripTime === 'number'
    ) {
      rtt = stat.currentRoundTripTime;
    }
    if (stat.type === 'inbound-rtp') {
      if (typeof stat.packetsLost === 'number') packetsLost += Math.max(0, stat.packetsLost);
      if (typeof stat.packetsReceived === 'number') packetsReceived += stat.packetsReceived;
    }
  });
  return { rtt, packetsLost, packetsReceived };
}

/** Loss over the interval between two samples, 0..1. */
export function lossBetween(prev: QualitySample | null, next: QualitySample): number {
  const lost = next.packetsLost - (prev?.packetsLost ?? 0);
  const received = next.packetsReceived - (prev?.packetsReceived ?? 0);
  const total = lost + received;
  return total > 0 && lost > 0 ? lost / total : 0;
}

export function qualityLevel(rtt: number | null, loss: number): Quality {
  if (rtt === null) return 'unknown';
  if (rtt > 0.4 || loss > 0.08) return 'poor';
  if (rtt > 0.2 || loss > 0.02) return 'fair';
  return 'good';
}
