// What a participant's page receives and sends, read from the page itself:
// WebRTC stats of the connections it created, the remote <video> elements a
// person sees, and the local camera/mic/screen tracks still live.
import type { Page } from 'playwright-core';
import type { InstrumentedWindow } from './instrument';
import { waitFor } from './wait';

export interface InboundRtp {
  id: string;
  kind: 'audio' | 'video';
  mid: string | null;
  trackIdentifier: string | null;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
  /** Video only. */
  framesDecoded: number | null;
  frameWidth: number | null;
  frameHeight: number | null;
  framesPerSecond: number | null;
  /** Audio only. */
  totalSamplesReceived: number | null;
  audioLevel: number | null;
}

export interface PeerConnectionStats {
  /** Position in window.__parleyPCs (creation order, stable for the page's life). */
  index: number;
  connectionState: RTCPeerConnectionState;
  iceConnectionState: RTCIceConnectionState;
  signalingState: RTCSignalingState;
  inbound: InboundRtp[];
}

/** Every RTCPeerConnection of the page that is not closed, with its inbound RTP stats. */
export function peerConnectionStats(page: Page): Promise<PeerConnectionStats[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as InstrumentedWindow).__parleyPCs ?? [];
    const out: PeerConnectionStats[] = [];
    for (const [index, pc] of pcs.entries()) {
      if (pc.connectionState === 'closed' || pc.signalingState === 'closed') continue;
      const inbound: InboundRtp[] = [];
      const report = await pc.getStats();
      const num = (value: unknown) => (typeof value === 'number' ? value : null);
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type !== 'inbound-rtp') return;
        inbound.push({
          id: String(stat.id),
          kind: stat.kind === 'audio' ? 'audio' : 'video',
          mid: typeof stat.mid === 'string' ? stat.mid : null,
          trackIdentifier: typeof stat.trackIdentifier === 'string' ? stat.trackIdentifier : null,
          bytesReceived: num(stat.bytesReceived) ?? 0,
          packetsReceived: num(stat.packetsReceived) ?? 0,
          packetsLost: num(stat.packetsLost) ?? 0,
          framesDecoded: num(stat.framesDecoded),
          frameWidth: num(stat.frameWidth),
          frameHeight: num(stat.frameHeight),
          framesPerSecond: num(stat.framesPerSecond),
          totalSamplesReceived: num(stat.totalSamplesReceived),
          audioLevel: num(stat.audioLevel),
        });
      });
      out.push({
        index,
        connectionState: pc.connectionState,
        iceConnectionState: pc.iceConnectionState,
        signalingState: pc.signalingState,
        inbound,
      });
    }
    return out;
  });
}

/**
 * How many remote offers the page applied while its own offer was out (both
 * sides offered at once, and this polite side rolled back): shows whether a
 * test really produced glare.
 */
export function offerCollisions(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as InstrumentedWindow).__parleyOfferCollisions ?? 0,
  );
}

/**
 * Delays every signaling message this page receives by `ms` (0: none), keeping
 * their order: a slow signaling path. Media is not affected.
 */
export async function setSignalingDelay(page: Page, ms: number): Promise<void> {
  await page.evaluate((delay) => {
    (window as unknown as InstrumentedWindow).__parleySignalingDelayMs = delay;
  }, ms);
}

/** Same as peerConnectionStats, keeping only inbound video. */
export async function inboundVideoStats(page: Page): Promise<PeerConnectionStats[]> {
  const pcs = await peerConnectionStats(page);
  return pcs.map((pc) => ({ ...pc, inbound: pc.inbound.filter((s) => s.kind === 'video') }));
}

export interface RemoteTile {
  participantId: string | null;
  camera: string | null;
  mic: string | null;
  speaking: string | null;
  text: string;
  /** Number of <video> elements inside the tile (the contract says exactly one). */
  videos: number;
  videoWidth: number;
  videoHeight: number;
  currentTime: number;
  paused: boolean;
}

/** The remote participants' tiles as the page shows them ([data-testid="remote-tile"]). */
export function remoteTiles(page: Page): Promise<RemoteTile[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid="remote-tile"]')).map(
      (tile) => {
        const videos = tile.querySelectorAll('video');
        const video = videos[0];
        return {
          participantId: tile.getAttribute('data-participant-id'),
          camera: tile.getAttribute('data-camera'),
          mic: tile.getAttribute('data-mic'),
          speaking: tile.getAttribute('data-speaking'),
          text: tile.innerText,
          videos: videos.length,
          videoWidth: video?.videoWidth ?? 0,
          videoHeight: video?.videoHeight ?? 0,
          currentTime: video?.currentTime ?? 0,
          paused: video?.paused ?? true,
        };
      },
    ),
  );
}

export interface LocalTrack {
  kind: string;
  source: 'user' | 'display';
  label: string;
  enabled: boolean;
  muted: boolean;
}

/**
 * Local tracks (camera, mic, screen, and clones of them) that are still
 * live: after leaving a call this should be empty, the camera light off.
 */
export function liveLocalTracks(page: Page): Promise<LocalTrack[]> {
  return page.evaluate(() =>
    ((window as unknown as InstrumentedWindow).__parleyLocalTracks ?? [])
      .filter(({ track }) => track.readyState === 'live')
      .map(({ track, source }) => ({
        kind: track.kind,
        source,
        label: track.label,
        enabled: track.enabled,
        muted: track.muted,
      })),
  );
}

interface MediaSnapshot {
  at: number;
  pcs: PeerConnectionStats[];
  tiles: RemoteTile[];
}

export interface PeerFlow {
  pcIndex: number;
  framesDecoded: number;
  bytesReceived: number;
  frameWidth: number | null;
  frameHeight: number | null;
  /** Frames decoded per second over the last poll. */
  fps: number;
}

export interface TileFlow {
  participantId: string | null;
  videoWidth: number;
  videoHeight: number;
  currentTime: number;
}

export interface MediaFlow {
  /** From the call to waitForMediaFlow until every condition held. */
  elapsedMs: number;
  peers: PeerFlow[];
  tiles: TileFlow[];
}

async function snapshot(page: Page): Promise<MediaSnapshot> {
  const [pcs, tiles] = await Promise.all([inboundVideoStats(page), remoteTiles(page)]);
  return { at: Date.now(), pcs, tiles };
}

/** Throws an Error saying what is missing, or returns the figures when media flows. */
function judgeFlow(before: MediaSnapshot, now: MediaSnapshot, expected: number, started: number) {
  const connected = now.pcs.filter((pc) => pc.connectionState === 'connected');
  if (connected.length < expected) {
    const states = now.pcs.map((pc) => `#${pc.index} ${pc.connectionState}`).join(', ');
    throw new Error(`${connected.length}/${expected} peer connections connected (${states})`);
  }
  const seconds = (now.at - before.at) / 1000;
  const peers: PeerFlow[] = connected.map((pc) => {
    const previous = before.pcs.find((p) => p.index === pc.index)?.inbound ?? [];
    const growing = pc.inbound.find((stat) => {
      const old = previous.find((p) => p.id === stat.id);
      return (
        old !== undefined &&
        (stat.framesDecoded ?? 0) > (old.framesDecoded ?? 0) &&
        stat.bytesReceived > old.bytesReceived
      );
    });
    if (!growing) {
      const seen = pc.inbound.map((s) => `frames ${s.framesDecoded} bytes ${s.bytesReceived}`);
      throw new Error(`pc #${pc.index}: no inbound video growing (${seen.join('; ') || 'none'})`);
    }
    const old = previous.find((p) => p.id === growing.id)!;
    return {
      pcIndex: pc.index,
      framesDecoded: growing.framesDecoded ?? 0,
      bytesReceived: growing.bytesReceived,
      frameWidth: growing.frameWidth,
      frameHeight: growing.frameHeight,
      fps: ((growing.framesDecoded ?? 0) - (old.framesDecoded ?? 0)) / seconds,
    };
  });
  if (now.tiles.length !== expected) {
    throw new Error(`${now.tiles.length} remote tiles shown, expected ${expected}`);
  }
  const tiles: TileFlow[] = now.tiles.map((tile, i) => {
    const old =
      before.tiles.find(
        (t) => t.participantId !== null && t.participantId === tile.participantId,
      ) ?? before.tiles[i];
    const who = `tile ${tile.participantId ?? i}`;
    if (tile.videos !== 1) throw new Error(`${who} holds ${tile.videos} <video> elements`);
    if (tile.videoWidth <= 0) throw new Error(`${who}: video has no frames (videoWidth 0)`);
    if (!old || tile.currentTime <= old.currentTime) {
      throw new Error(`${who}: video not advancing (currentTime ${tile.currentTime})`);
    }
    const { participantId, videoWidth, videoHeight, currentTime } = tile;
    return { participantId, videoWidth, videoHeight, currentTime };
  });
  return { elapsedMs: now.at - started, peers, tiles };
}

/**
 * Waits until this page receives video from `expectedRemoteCount` people:
 * at least that many RTCPeerConnections are connected, every connected one
 * has inbound video whose framesDecoded and bytesReceived grew since the
 * previous poll (~500 ms earlier), and exactly that many remote tiles each
 * show a <video> with frames (videoWidth > 0) whose currentTime advances.
 * Resolves with the per-peer figures; on timeout, says what was missing.
 */
export async function waitForMediaFlow(
  page: Page,
  expectedRemoteCount: number,
  timeoutMs = 30_000,
): Promise<MediaFlow> {
  const started = Date.now();
  let before: MediaSnapshot | null = null;
  return waitFor(
    async () => {
      const now = await snapshot(page);
      const previous = before;
      before = now;
      if (!previous) throw new Error('first sample taken');
      return judgeFlow(previous, now, expectedRemoteCount, started);
    },
    {
      timeout: timeoutMs,
      interval: 500,
      message: `media from ${expectedRemoteCount} remote participant(s) on ${page.url()}`,
    },
  );
}
