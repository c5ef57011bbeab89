/** WebRTC figures read from a participant's page (its recorded RTCPeerConnections). */
import type { Page } from 'playwright-core';

export interface PageRtp {
  /** Sum over the page's connections. */
  videoBytesSent: number;
  audioBytesSent: number;
  framesDecoded: number;
  /** Video frames encoded and sent (outbound-rtp framesSent). */
  framesSent: number;
  /** Inbound video streams: resolution as decoded. */
  inbound: { width: number; height: number }[];
  /** Outbound camera streams: resolution as encoded, and why it is limited. */
  outbound: { width: number; height: number; limitation: string }[];
}

/** One reading of every open connection's stats on the page. */
export function readRtp(page: Page): Promise<PageRtp> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __parleyPCs?: RTCPeerConnection[] }).__parleyPCs ?? [];
    const out: PageRtp = {
      videoBytesSent: 0,
      audioBytesSent: 0,
      framesDecoded: 0,
      framesSent: 0,
      inbound: [],
      outbound: [],
    };
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: Record<string, unknown>) => {
        const n = (v: unknown) => (typeof v === 'number' ? v : 0);
        if (s.type === 'outbound-rtp' && s.kind === 'video') {
          out.videoBytesSent += n(s.bytesSent);
          out.framesSent += n(s.framesSent);
          if (n(s.frameWidth) > 0)
            out.outbound.push({
              width: n(s.frameWidth),
              height: n(s.frameHeight),
              limitation: String(s.qualityLimitationReason ?? 'none'),
            });
        } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
          out.audioBytesSent += n(s.bytesSent);
        } else if (s.type === 'inbound-rtp' && s.kind === 'video') {
          out.framesDecoded += n(s.framesDecoded);
          if (n(s.frameWidth) > 0)
            out.inbound.push({ width: n(s.frameWidth), height: n(s.frameHeight) });
        }
      });
    }
    return out;
  });
}

/**
 * Waits until the page shows `remotes` remote tiles whose <video> has a
 * decoded frame (videoWidth > 0), polling every 25 ms.
 */
export async function waitForDecodedFrames(
  page: Page,
  remotes: number,
  timeoutMs: number,
): Promise<void> {
  await page.waitForFunction(
    (count) => {
      const videos = Array.from(
        document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-tile"] video'),
      );
      return videos.length >= count && videos.filter((v) => v.videoWidth > 0).length >= count;
    },
    remotes,
    { timeout: timeoutMs, polling: 25 },
  );
}
