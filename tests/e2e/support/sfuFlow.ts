// Proving media through the SFU per remote participant: each remote tile's camera
// <video> is matched to the inbound-rtp stat of the very track it plays
// (trackIdentifier), so "decodes" is per person, whichever connection carries it.
import type { Page } from 'playwright-core';
import { waitFor } from './wait';

export interface TileSample {
  id: string;
  width: number;
  /** framesDecoded of the track this tile plays; null when no stat carries it. */
  frames: number | null;
  /** Index (in the page's recorded RTCPeerConnections) of the connection carrying it. */
  pc: number | null;
  /** The mark a test put on the tile element and its <video> (same elements?). */
  mark: string | null;
  videoMark: string | null;
}

export interface PageSample {
  tiles: TileSample[];
  /** Every outbound video stream: which connection, frames encoded. */
  outbound: { key: string; pc: number; frames: number }[];
  screens: { id: string; width: number; height: number }[];
  /** connectionState of every recorded connection, for failure messages. */
  states: string[];
}

type Marked = HTMLElement & { __sfuMark?: string };

export function samplePage(page: Page): Promise<PageSample> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __parleyPCs: RTCPeerConnection[] }).__parleyPCs;
    const inbound = new Map<string, { pc: number; frames: number }>();
    const outbound: { key: string; pc: number; frames: number }[] = [];
    await Promise.all(
      pcs.map(async (pc, i) => {
        if (pc.connectionState === 'closed') return;
        (await pc.getStats()).forEach((s: Record<string, unknown>) => {
          if (
            s.type === 'inbound-rtp' &&
            s.kind === 'video' &&
            typeof s.trackIdentifier === 'string'
          )
            inbound.set(s.trackIdentifier, { pc: i, frames: Number(s.framesDecoded ?? 0) });
          if (s.type === 'outbound-rtp' && s.kind === 'video')
            outbound.push({
              key: `${i}:${String(s.id)}`,
              pc: i,
              frames: Number(s.framesEncoded ?? 0),
            });
        });
      }),
    );
    const tiles = Array.from(document.querySelectorAll<Marked>('[data-testid="remote-tile"]')).map(
      (tile) => {
        const video = tile.querySelector('video') as (HTMLVideoElement & Marked) | null;
        const stream = video?.srcObject;
        const track = stream instanceof MediaStream ? stream.getVideoTracks()[0] : undefined;
        const info = track ? inbound.get(track.id) : undefined;
        return {
          id: tile.getAttribute('data-participant-id') ?? '',
          width: video?.videoWidth ?? 0,
          frames: info?.frames ?? null,
          pc: info?.pc ?? null,
          mark: tile.__sfuMark ?? null,
          videoMark: video?.__sfuMark ?? null,
        };
      },
    );
    const screens = Array.from(
      document.querySelectorAll<HTMLElement>('[data-testid="screen-tile"]'),
    ).map((tile) => {
      const video = tile.querySelector('video');
      return {
        id: tile.getAttribute('data-participant-id') ?? '',
        width: video?.videoWidth ?? 0,
        height: video?.videoHeight ?? 0,
      };
    });
    return { tiles, outbound, screens, states: pcs.map((pc) => pc.connectionState) };
  });
}

/** Marks every remote tile and its <video> with a JS property (its participant id). */
export function markTiles(page: Page): Promise<number> {
  return page.evaluate(() => {
    const tiles = Array.from(document.querySelectorAll<Marked>('[data-testid="remote-tile"]'));
    for (const tile of tiles) {
      const id = tile.getAttribute('data-participant-id') ?? '';
      tile.__sfuMark = id;
      const video = tile.querySelector('video') as (HTMLVideoElement & Marked) | null;
      if (video) video.__sfuMark = id;
    }
    return tiles.length;
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FlowResult {
  /** The connection that carries every remote camera (the SFU subscriber), when one does. */
  pc: number | null;
  /** Outbound video streams whose frames grew between the two samples. */
  sendingVideo: number;
  later: PageSample;
}

/**
 * Waits until the page shows exactly `ids` as remote tiles and each one's camera
 * decodes (framesDecoded of its own track grows, videoWidth > 0). With
 * `onePc`, all of them must come on one connection (the SFU subscriber).
 */
export function waitForCameras(
  page: Page,
  ids: string[],
  {
    timeout = 60_000,
    onePc = true,
    label = 'page',
    notPc,
  }: {
    timeout?: number;
    onePc?: boolean;
    label?: string;
    /** A connection that must not be the one carrying the cameras (one closed since). */
    notPc?: number | null;
  } = {},
): Promise<FlowResult> {
  return waitFor(
    async () => {
      const first = await samplePage(page);
      await pause(800);
      const later = await samplePage(page);
      const shown = later.tiles.map((t) => t.id).sort();
      if (JSON.stringify(shown) !== JSON.stringify([...ids].sort()))
        throw new Error(`tiles ${shown.join(',')}, want ${[...ids].sort().join(',')}`);
      for (const tile of later.tiles) {
        const before = first.tiles.find((t) => t.id === tile.id);
        if (tile.width === 0) throw new Error(`${tile.id}: videoWidth 0`);
        if (tile.frames === null || before?.frames == null || tile.frames <= before.frames)
          throw new Error(
            `${tile.id}: frames not decoding (${before?.frames} -> ${tile.frames}) on pc ${tile.pc}; pcs ${later.states.join(',')}`,
          );
      }
      const pcs = new Set(later.tiles.map((t) => t.pc));
      if (onePc && pcs.size !== 1) throw new Error(`cameras on ${pcs.size} connections`);
      if (notPc != null && pcs.has(notPc)) throw new Error(`cameras still on connection ${notPc}`);
      const sendingVideo = later.outbound.filter((o) => {
        const before = first.outbound.find((b) => b.key === o.key);
        return before !== undefined && o.frames > before.frames;
      }).length;
      return { pc: onePc ? (later.tiles[0]?.pc ?? null) : null, sendingVideo, later };
    },
    { timeout, interval: 200, message: `${label}: every remote camera decoding` },
  );
}
