// How loud a remote person's voice is where it is received: a Web Audio
// analyser on the track the page plays, sampled every 20 ms.
import type { Page } from 'playwright-core';

export interface LevelSummary {
  /** dBFS of the quiet part (20th percentile of 20 ms windows): the pauses. */
  pauseDb: number;
  /** dBFS of the loud part (90th percentile): the bursts. */
  burstDb: number;
  samples: number;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** RMS levels (dBFS) of `participantId`'s voice as `page` receives it, over `ms`. */
export async function receivedLevels(
  page: Page,
  participantId: string,
  ms: number,
): Promise<number[]> {
  return page.evaluate(
    async ({ id, ms }) => {
      const audio = document.querySelector<HTMLAudioElement>(
        `audio[data-testid="remote-audio"][data-kind="voice"][data-participant-id="${id}"]`,
      );
      const stream = audio?.srcObject as MediaStream | null;
      if (!stream) throw new Error(`no voice element for ${id}`);
      const context = new AudioContext();
      await context.resume();
      const source = context.createMediaStreamSource(stream);
      const analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      source.connect(analyser);
      const buffer = new Float32Array(analyser.fftSize);
      const out: number[] = [];
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        analyser.getFloatTimeDomainData(buffer);
        let sum = 0;
        for (const v of buffer) sum += v * v;
        out.push(10 * Math.log10(sum / buffer.length + 1e-12));
      }
      source.disconnect();
      await context.close();
      return out;
    },
    { id: participantId, ms },
  );
}

export async function levelSummary(
  page: Page,
  participantId: string,
  ms = 6000,
): Promise<LevelSummary> {
  const levels = await receivedLevels(page, participantId, ms);
  return {
    pauseDb: percentile(levels, 0.2),
    burstDb: percentile(levels, 0.9),
    samples: levels.length,
  };
}
