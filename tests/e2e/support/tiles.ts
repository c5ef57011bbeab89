// Per-person media: what one page receives from one remote participant,
// read through the tile that shows it. A tile's <video> plays a MediaStream
// whose tracks are RTCRtpReceiver tracks; the inbound-rtp stat whose
// trackIdentifier is that track's id is what this person decodes for that
// tile. So "B sees A's camera" is proven on the very element B looks at.
import type { Page } from 'playwright-core';
import type { InboundRtp } from './media';
import type { InstrumentedWindow } from './instrument';
import { waitFor } from './wait';

export type TileKind = 'remote' | 'screen';

const TILE_TESTID: Record<TileKind, string> = { remote: 'remote-tile', screen: 'screen-tile' };

export interface TileMedia {
  participantId: string | null;
  /** data-camera / data-mic (remote tiles only). */
  camera: string | null;
  mic: string | null;
  text: string;
  videos: number;
  videoWidth: number;
  videoHeight: number;
  currentTime: number;
  paused: boolean;
  /** getVideoPlaybackQuality().totalVideoFrames: frames the element has shown. */
  framesShown: number;
  /** connectionState of the RTCPeerConnection carrying this tile's tracks. */
  connectionState: RTCPeerConnectionState | null;
  /** Inbound RTP of the tile's video / audio track (null: no such track or no stat yet). */
  video: TileRtp | null;
  audio: TileRtp | null;
}

/** Inbound RTP of one track, plus the audio energy a listener would hear. */
export interface TileRtp extends InboundRtp {
  /** Audio only: sum of squared levels times duration, grows only while sound arrives. */
  totalAudioEnergy: number | null;
}

/** Every tile of this kind in the page, with the inbound stats of the tracks it plays. */
export function tileMedia(page: Page, kind: TileKind = 'remote'): Promise<TileMedia[]> {
  return page.evaluate(async (testId) => {
    type Found = { stat: Record<string, unknown>; state: RTCPeerConnectionState };
    const byTrack = new Map<string, Found>();
    const pcs = (window as unknown as InstrumentedWindow).__parleyPCs ?? [];
    for (const pc of pcs) {
      if (pc.signalingState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'inbound-rtp' && typeof stat.trackIdentifier === 'string') {
          byTrack.set(stat.trackIdentifier, { stat, state: pc.connectionState });
        }
      });
    }
    const num = (value: unknown) => (typeof value === 'number' ? value : null);
    const rtp = (found: Found | undefined) => {
      if (!found) return null;
      const { stat } = found;
      return {
        id: String(stat.id),
        kind: stat.kind === 'audio' ? ('audio' as const) : ('video' as const),
        mid: typeof stat.mid === 'string' ? stat.mid : null,
        trackIdentifier: String(stat.trackIdentifier),
        bytesReceived: num(stat.bytesReceived) ?? 0,
        packetsReceived: num(stat.packetsReceived) ?? 0,
        packetsLost: num(stat.packetsLost) ?? 0,
        framesDecoded: num(stat.framesDecoded),
        frameWidth: num(stat.frameWidth),
        frameHeight: num(stat.frameHeight),
        framesPerSecond: num(stat.framesPerSecond),
        totalSamplesReceived: num(stat.totalSamplesReceived),
        audioLevel: num(stat.audioLevel),
        totalAudioEnergy: num(stat.totalAudioEnergy),
      };
    };
    const tiles = Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));
    return tiles.map((tile) => {
      const videos = tile.querySelectorAll('video');
      const video = videos[0];
      const stream = video?.srcObject instanceof MediaStream ? video.srcObject : null;
      const videoTrack = stream?.getVideoTracks()[0];
      const audioTrack = stream?.getAudioTracks()[0];
      const videoFound = videoTrack ? byTrack.get(videoTrack.id) : undefined;
      const audioFound = audioTrack ? byTrack.get(audioTrack.id) : undefined;
      return {
        participantId: tile.getAttribute('data-participant-id'),
        camera: tile.getAttribute('data-camera'),
        mic: tile.getAttribute('data-mic'),
        text: tile.innerText,
        videos: videos.length,
        videoWidth: video?.videoWidth ?? 0,
        videoHeight: video?.videoHeight ?? 0,
        currentTime: video?.currentTime ?? 0,
        paused: video?.paused ?? true,
        // Firefox's totalVideoFrames stays 0 for a MediaStream <video>; its
        // mozPaintedFrames counts the frames it painted.
        framesShown: Math.max(
          video?.getVideoPlaybackQuality?.().totalVideoFrames ?? 0,
          Number((video as { mozPaintedFrames?: number } | undefined)?.mozPaintedFrames ?? 0),
        ),
        connectionState: (videoFound ?? audioFound)?.state ?? null,
        video: rtp(videoFound),
        audio: rtp(audioFound),
      };
    });
  }, TILE_TESTID[kind]);
}

export interface FlowExpectation {
  /** Which tile: a person's camera tile (default) or their screen share. */
  kind?: TileKind;
  /** Require video frames decoded and shown (default true). */
  video?: boolean;
  /**
   * Require audible sound (default false): the tile's inbound audio grows in
   * bytesReceived, totalSamplesReceived and totalAudioEnergy (the fake
   * microphone is a steady tone; a muted one adds no energy).
   */
  audio?: boolean;
  /** Require the shown video's width/height to be within 3 % of this ratio. */
  aspect?: number;
  timeout?: number;
}

export interface TileFlowResult {
  tile: TileMedia;
  /** Video frames decoded per second over the last poll (0 when video was not required). */
  fps: number;
  elapsedMs: number;
}

const ratio = (tile: TileMedia) => (tile.videoHeight > 0 ? tile.videoWidth / tile.videoHeight : 0);

function judgeTile(
  before: TileMedia,
  now: TileMedia,
  seconds: number,
  { video = true, audio = false, aspect }: FlowExpectation,
): number {
  if (now.connectionState !== 'connected') {
    throw new Error(`connection is ${now.connectionState ?? 'unknown'}`);
  }
  let fps = 0;
  if (video) {
    const [old, cur] = [before.video, now.video];
    if (!old || !cur) throw new Error('no inbound video stat for the tile yet');
    if (
      (cur.framesDecoded ?? 0) <= (old.framesDecoded ?? 0) ||
      cur.bytesReceived <= old.bytesReceived
    ) {
      throw new Error(
        `inbound video not growing (framesDecoded ${cur.framesDecoded}, bytes ${cur.bytesReceived})`,
      );
    }
    if (now.videoWidth <= 0) throw new Error('<video> has no frames (videoWidth 0)');
    if (now.currentTime <= before.currentTime || now.framesShown <= before.framesShown) {
      throw new Error(
        `<video> not advancing (currentTime ${now.currentTime}, frames shown ${now.framesShown})`,
      );
    }
    if (now.paused) throw new Error('<video> is paused');
    if (aspect !== undefined && Math.abs(ratio(now) / aspect - 1) > 0.03) {
      throw new Error(
        `<video> is ${now.videoWidth}x${now.videoHeight}, not ${aspect.toFixed(2)}:1`,
      );
    }
    fps = ((cur.framesDecoded ?? 0) - (old.framesDecoded ?? 0)) / seconds;
  }
  if (audio) {
    const [old, cur] = [before.audio, now.audio];
    if (!old || !cur) throw new Error('no inbound audio stat for the tile yet');
    if (
      cur.bytesReceived <= old.bytesReceived ||
      (cur.totalSamplesReceived ?? 0) <= (old.totalSamplesReceived ?? 0) ||
      (cur.totalAudioEnergy ?? 0) <= (old.totalAudioEnergy ?? 0)
    ) {
      const { bytesReceived, totalSamplesReceived, totalAudioEnergy } = cur;
      throw new Error(
        `inbound audio not growing (bytes ${bytesReceived}, samples ${totalSamplesReceived}, energy ${totalAudioEnergy})`,
      );
    }
  }
  return fps;
}

/**
 * Waits until this page plays media from participant `participantId` in that
 * person's tile: its connection is connected and, between two polls ~500 ms
 * apart, the tile's inbound video grew (framesDecoded, bytesReceived) and its
 * <video> shows frames (videoWidth > 0, currentTime and frames shown
 * advancing), and/or its inbound audio grew. Exactly one such tile must exist.
 */
export async function waitForTileFlow(
  page: Page,
  participantId: string,
  expect: FlowExpectation = {},
): Promise<TileFlowResult> {
  const started = Date.now();
  const kind = expect.kind ?? 'remote';
  let before: { at: number; tile: TileMedia } | null = null;
  return waitFor(
    async () => {
      const tiles = (await tileMedia(page, kind)).filter((t) => t.participantId === participantId);
      if (tiles.length !== 1) throw new Error(`${tiles.length} ${kind} tiles for ${participantId}`);
      const now = { at: Date.now(), tile: tiles[0] };
      const previous = before;
      before = now;
      if (!previous) throw new Error('first sample taken');
      const fps = judgeTile(previous.tile, now.tile, (now.at - previous.at) / 1000, expect);
      return { tile: now.tile, fps, elapsedMs: now.at - started };
    },
    {
      timeout: expect.timeout ?? 30_000,
      interval: 500,
      message: `${kind} media from ${participantId} on ${page.url()}`,
    },
  );
}

/** Audio energy added between two polls (~700 ms) that still counts as silence (about -58 dBFS). */
const SILENCE_ENERGY = 1e-6;

/**
 * Waits until what this page receives in `participantId`'s camera tile has
 * stopped: for 'video', framesDecoded; for 'audio', totalAudioEnergy (silence
 * still arrives as packets, but adds no audible energy). Unchanged over two polls
 * ~700 ms apart.
 */
export async function waitForTileStill(
  page: Page,
  participantId: string,
  what: 'video' | 'audio',
  timeout = 15_000,
): Promise<void> {
  let before: number | null = null;
  await waitFor(
    async () => {
      const tile = (await tileMedia(page)).find((t) => t.participantId === participantId);
      if (!tile) throw new Error(`no tile for ${participantId}`);
      const value =
        what === 'video' ? (tile.video?.framesDecoded ?? 0) : (tile.audio?.totalAudioEnergy ?? 0);
      const previous = before;
      before = value;
      // Silence is below hearing, not always digital zero: a codec's comfort
      // noise adds ~1e-8 per poll (about -75 dBFS); speech adds 1e-3 and more.
      const still =
        what === 'video' ? value === previous : value - (previous ?? 0) < SILENCE_ENERGY;
      if (previous === null || !still) {
        throw new Error(`${what} still arriving (${value})`);
      }
      return true;
    },
    { timeout, interval: 700, message: `${participantId}'s ${what} to stop on ${page.url()}` },
  );
}

/** Participant ids of this page's tiles of one kind, in page order. */
export function tileIds(page: Page, kind: TileKind = 'remote'): Promise<(string | null)[]> {
  return page.evaluate(
    (testId) =>
      Array.from(document.querySelectorAll(`[data-testid="${testId}"]`)).map((tile) =>
        tile.getAttribute('data-participant-id'),
      ),
    TILE_TESTID[kind],
  );
}

/** Waits until this page shows no tile of `kind` for `participantId`. */
export async function waitForTileGone(
  page: Page,
  participantId: string,
  kind: TileKind = 'remote',
  timeout = 15_000,
): Promise<void> {
  await waitFor(async () => !(await tileIds(page, kind)).includes(participantId), {
    timeout,
    interval: 200,
    message: `${kind} tile of ${participantId} to go on ${page.url()}`,
  });
}

/** The aria-pressed of a toggle, as a boolean. */
export async function isPressed(page: Page, testId: string): Promise<boolean> {
  return (await page.getByTestId(testId).getAttribute('aria-pressed')) === 'true';
}

/** Waits until a toggle's aria-pressed is `pressed`. */
export async function waitForPressed(
  page: Page,
  testId: string,
  pressed: boolean,
  timeout = 10_000,
) {
  await waitFor(async () => (await isPressed(page, testId)) === pressed, {
    timeout,
    interval: 100,
    message: `${testId} aria-pressed=${pressed}`,
  });
}

/** Waits until a remote tile's attribute (data-camera, data-mic) has this value. */
export async function waitForTileAttribute(
  page: Page,
  participantId: string,
  attribute: 'data-camera' | 'data-mic',
  value: string,
  timeout = 10_000,
): Promise<void> {
  const tile = page.locator(
    `[data-testid="remote-tile"][data-participant-id="${participantId}"][${attribute}="${value}"]`,
  );
  await tile.waitFor({ state: 'attached', timeout });
}

/**
 * What the browser's own "Stop sharing" bar does: the capture ends. In the
 * page, stops every live getDisplayMedia video track and fires 'ended' on it
 * (track.stop() alone does not fire 'ended'). Resolves with how many it ended.
 */
export function endScreenCapture(page: Page): Promise<number> {
  return page.evaluate(() => {
    const recorded = (window as unknown as InstrumentedWindow).__parleyLocalTracks ?? [];
    const live = recorded.filter(
      ({ track, source }) =>
        source === 'display' && track.kind === 'video' && track.readyState === 'live',
    );
    for (const { track } of live) {
      track.stop();
      track.dispatchEvent(new Event('ended'));
    }
    return live.length;
  });
}

/** The text of participant-count, as a number. */
export async function participantCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('participant-count').textContent());
}

/** Waits until participant-count shows `count`. */
export async function waitForCount(page: Page, count: number, timeout = 15_000): Promise<void> {
  await waitFor(async () => (await participantCount(page)) === count, {
    timeout,
    interval: 200,
    message: `participant-count ${count} on ${page.url()}`,
  });
}
