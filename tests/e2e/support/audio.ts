// What a participant's page plays of one remote person's voice: their
// <audio data-testid="remote-audio">, and the inbound-rtp stats of the track
// it plays. totalAudioEnergy grows only for audio the browser actually plays
// out; packets that arrive but are never played leave it at 0.
import type { Page } from 'playwright-core';
import type { InstrumentedWindow } from './instrument';
import { waitFor } from './wait';

export interface RemoteVoice {
  /** The element exists, is not paused, and has data to play. */
  playing: boolean;
  currentTime: number;
  /** inbound-rtp of the element's track, from whichever connection carries it. */
  totalAudioEnergy: number;
  totalSamplesReceived: number;
  packetsReceived: number;
}

/** `participantId`'s voice as `page` plays it; null while there is no element for it. */
export function remoteVoice(page: Page, participantId: string): Promise<RemoteVoice | null> {
  return page.evaluate(async (id) => {
    const audio = document.querySelector<HTMLAudioElement>(
      `audio[data-testid="remote-audio"][data-kind="voice"][data-participant-id="${id}"]`,
    );
    const track = (audio?.srcObject as MediaStream | null)?.getAudioTracks()[0];
    if (!audio || !track) return null;
    const out: RemoteVoice = {
      playing: !audio.paused && audio.readyState >= 2,
      currentTime: audio.currentTime,
      totalAudioEnergy: 0,
      totalSamplesReceived: 0,
      packetsReceived: 0,
    };
    const pcs = (window as unknown as InstrumentedWindow).__parleyPCs ?? [];
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats(track).catch(() => null);
      report?.forEach((stat: Record<string, unknown>) => {
        if (stat.type !== 'inbound-rtp' || stat.kind !== 'audio') return;
        out.totalAudioEnergy = Number(stat.totalAudioEnergy ?? 0);
        out.totalSamplesReceived = Number(stat.totalSamplesReceived ?? 0);
        out.packetsReceived = Number(stat.packetsReceived ?? 0);
      });
    }
    return out;
  }, participantId);
}

/**
 * Waits until `page` plays `participantId`'s voice: the element plays, its
 * time advances, and the played-out energy grows over `windowMs`. Resolves
 * with the energy gained in that window.
 */
export async function waitForVoice(
  page: Page,
  participantId: string,
  { windowMs = 3000, timeout = 30_000 } = {},
): Promise<number> {
  return waitFor(
    async () => {
      const before = await remoteVoice(page, participantId);
      if (!before?.playing) return null;
      await page.waitForTimeout(windowMs);
      const after = await remoteVoice(page, participantId);
      if (!after?.playing) return null;
      const gained = after.totalAudioEnergy - before.totalAudioEnergy;
      const advanced = after.currentTime > before.currentTime;
      return gained > 0 && advanced ? gained : null;
    },
    { timeout, message: `${participantId}'s voice playing on this page` },
  );
}
