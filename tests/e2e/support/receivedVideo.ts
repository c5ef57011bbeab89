// What a remote person's camera looks like where it is received: the
// high-frequency detail of a frame (edge energy) and the decoded frame rate.
import type { Page } from 'playwright-core';
import type { InstrumentedWindow } from './instrument';

/**
 * Mean squared difference between neighbouring pixels (grey levels) of the
 * frame `participantId`'s tile shows now, averaged over `frames` frames.
 */
export function edgeEnergy(page: Page, participantId: string, frames = 3): Promise<number> {
  return page.evaluate(
    async ({ id, frames }) => {
      const video = document.querySelector<HTMLVideoElement>(
        `[data-testid="remote-tile"][data-participant-id="${id}"] video`,
      );
      if (!video || video.videoWidth === 0) throw new Error(`no video for ${id}`);
      let total = 0;
      for (let f = 0; f < frames; f++) {
        const w = video.videoWidth;
        const h = video.videoHeight;
        const canvas = document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        ctx.drawImage(video, 0, 0, w, h);
        const data = ctx.getImageData(0, 0, w, h).data;
        const grey = new Float32Array(w * h);
        for (let i = 0; i < w * h; i++)
          grey[i] = 0.299 * data[i * 4] + 0.587 * data[i * 4 + 1] + 0.114 * data[i * 4 + 2];
        let sum = 0;
        for (let y = 0; y < h - 1; y++)
          for (let x = 0; x < w - 1; x++) {
            const p = grey[y * w + x];
            const dx = grey[y * w + x + 1] - p;
            const dy = grey[(y + 1) * w + x] - p;
            sum += dx * dx + dy * dy;
          }
        total += sum / ((w - 1) * (h - 1));
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      return total / frames;
    },
    { id: participantId, frames },
  );
}

/** Frames per second decoded of `participantId`'s camera over `ms` (inbound-rtp framesDecoded). */
export async function receivedFps(page: Page, participantId: string, ms = 4000): Promise<number> {
  const decoded = () =>
    page.evaluate(async (id) => {
      const video = document.querySelector<HTMLVideoElement>(
        `[data-testid="remote-tile"][data-participant-id="${id}"] video`,
      );
      const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
      if (!track) throw new Error(`no video track for ${id}`);
      for (const pc of (window as unknown as InstrumentedWindow).__parleyPCs) {
        if (pc.connectionState === 'closed') continue;
        const report = await pc.getStats(track).catch(() => null);
        let frames: number | null = null;
        report?.forEach((s: Record<string, unknown>) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') frames = Number(s.framesDecoded);
        });
        if (frames !== null) return { frames, at: performance.now() };
      }
      throw new Error(`no inbound video for ${id}`);
    }, participantId);
  const before = await decoded();
  await page.waitForTimeout(ms);
  const after = await decoded();
  return ((after.frames - before.frames) * 1000) / (after.at - before.at);
}
