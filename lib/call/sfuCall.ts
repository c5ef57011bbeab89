import type { StatsEntries } from './quality';
import type { LocalMediaSnapshot } from '@/lib/media/localMedia';
import type { SessionDescription, SfuSource, SfuStream } from '@/lib/protocol';
import type { SfuSignaling } from '@/lib/signaling/sfuSignaling';
import type { RoomStore } from '@/lib/store';
import type { RemoteMedia } from '@/lib/webrtc/peer';
import type { MediaTransport } from './callTransport';
import { described, GATHER_MS, Publication } from './sfuPublication';
import { iceGathered } from '@/lib/webrtc/iceGathering';

export interface SfuCallOptions {
  store: RoomStore;
  sfu: SfuSignaling;
  rtcConfig: RTCConfiguration;
  createConnection?: (config: RTCConfiguration) => RTCPeerConnection;
}

const RETRY_MS = [500, 1_000, 2_000, 4_000];
const FAIL_RESTART_MS = 5_000;
/** The camera publication is checked this often; this many checks without a new frame sent: start over. */
const SEND_CHECK_MS = 3_000;
const SEND_STALLS = 3;

interface Received extends RemoteMedia {
  /** Track ids of each stream, to tell a change from the same streams again. */
  key: string;
}

/**
 * A call through the SFU: our camera + mic on one publisher connection (a
 * screen share on a second one while it lasts: a feed of its own, so late
 * joiners see it), everyone else's streams on one subscriber connection that
 * answers every offer the SFU sends, one at a time. Mids map to participant
 * ids (the server says whose stream each one carries), and each person's
 * {camera, screen} MediaStreams go to the store: the same tiles and audio
 * elements as in a mesh. Until goLive() (make-before-break) it only prepares.
 */
export class SfuCall implements MediaTransport {
  private camera: Publication | null = null;
  private screen: Publication | null = null;
  private publishing: Partial<Record<SfuSource, Promise<void>>> = {};
  private subscriber: RTCPeerConnection | null = null;
  private streams: SfuStream[] = [];
  private readonly received = new Map<string, Received>();
  private offers: Promise<void> = Promise.resolve();
  private local: LocalMediaSnapshot | null = null;
  private live = false;
  private closed = false;
  /** Bumped by restart(): work of an older round is dropped. */
  private round = 0;
  private readonly cleanups: (() => void)[];
  private rtcConfig: RTCConfiguration;
  private lastFailRestart = 0;
  private readonly sendWatch: ReturnType<typeof setInterval>;
  private sent: { frames: number; stalls: number } | null = null;
  /** A failure that came too soon after the last restart: the restart it is owed. */
  private failTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: SfuCallOptions) {
    this.rtcConfig = options.rtcConfig;
    this.cleanups = [
      options.sfu.on('offer', (description, streams) => this.onOffer(description, streams)),
      options.sfu.on('reset', () => this.restart()),
    ];
    this.sendWatch = setInterval(() => void this.checkSending(), SEND_CHECK_MS);
  }

  private get state() {
    return this.options.store.getState();
  }

  /** New ICE servers (fresh TURN credentials) for the connections made from now on. */
  setRtcConfig(config: RTCConfiguration): void {
    this.rtcConfig = config;
    for (const pc of [this.camera?.pc, this.screen?.pc, this.subscriber]) {
      pc?.setConfiguration({ ...pc.getConfiguration(), iceServers: config.iceServers });
    }
  }

  start(local: LocalMediaSnapshot): void {
    this.local = local;
    this.publish('camera');
    if (local.screen) this.publish('screen');
  }

  /** Everyone's SFU streams go to the store from now on (the mesh stops sending media). */
  goLive(): void {
    if (this.live || this.closed) return;
    this.live = true;
    for (const [id, media] of this.received) this.state.setParticipantStreams(id, media);
    this.writeConnection();
  }

  get isLive(): boolean {
    return this.live;
  }

  /** The participants whose camera video decodes on the subscriber connection. */
  async decoding(): Promise<Set<string>> {
    const pc = this.subscriber;
    const out = new Set<string>();
    if (!pc) return out;
    const byMid = new Map(this.streams.map((s) => [s.mid, s]));
    (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
      if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') return;
      const stream = byMid.get(String(stat.mid));
      if (stream?.source === 'camera' && Number(stat.framesDecoded) > 0) {
        out.add(stream.participantId);
      }
    });
    return out;
  }

  localMedia(snapshot: LocalMediaSnapshot): void {
    this.local = snapshot;
    this.camera?.setTracks(snapshot.mic, snapshot.camera);
    if (snapshot.screen) {
      if (this.screen) this.screen.setTracks(snapshot.screenAudio, snapshot.screen);
      else this.publish('screen');
    } else if (this.screen || this.publishing.screen) {
      void this.stopScreen();
    }
  }

  /**
   * Starts over: the SFU lost our connections (it restarted, or our socket
   * dropped), or one of them failed. The server lets go of our seat, then we
   * publish and subscribe anew.
   */
  restart(): void {
    if (this.closed) return;
    this.round += 1;
    const round = this.round;
    this.camera?.close();
    this.screen?.close();
    this.subscriber?.close();
    this.camera = this.screen = this.subscriber = null;
    this.publishing = {};
    this.offers = Promise.resolve();
    void this.options.sfu
      .unpublish('camera')
      .catch(() => {})
      .then(() => {
        if (this.local && round === this.round && !this.closed) this.start(this.local);
      });
  }

  /**
   * A camera publication whose connection looks fine but sends no frames (seen
   * on a starved machine: the SFU never gets that camera again) starts over too.
   */
  private async checkSending(): Promise<void> {
    const camera = this.camera;
    if (!camera || camera.pc.connectionState !== 'connected') return void (this.sent = null);
    const frames = await camera.videoFramesSent().catch(() => null);
    if (frames === null || camera !== this.camera) return void (this.sent = null);
    const stalls = this.sent && frames <= this.sent.frames ? this.sent.stalls + 1 : 0;
    this.sent = { frames, stalls };
    if (stalls >= SEND_STALLS) {
      this.sent = null;
      this.failed();
    }
  }

  /**
   * A connection failed for good: start over, at most once per FAIL_RESTART_MS
   * (a failure sooner than that gets its restart when the time is up: dropped,
   * nothing else would ever restart the call).
   */
  private failed(): void {
    if (this.closed || this.failTimer) return;
    const wait = this.lastFailRestart + FAIL_RESTART_MS - Date.now();
    if (wait > 0) {
      const round = this.round;
      this.failTimer = setTimeout(() => {
        this.failTimer = null;
        // A restart since then (an SFU reset) made new connections: they report their own failures.
        if (round === this.round) this.failed();
      }, wait);
      return;
    }
    this.lastFailRestart = Date.now();
    console.warn('[parley] sfu connection failed: starting over');
    this.restart();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.round += 1;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    clearInterval(this.sendWatch);
    if (this.failTimer) clearTimeout(this.failTimer);
    this.camera?.close();
    this.screen?.close();
    this.subscriber?.close();
    this.camera = this.screen = this.subscriber = null;
  }

  // ------------------------------------------------------------ ConnectionSource

  async connectionStats(id: string): Promise<StatsEntries | null> {
    const pc = this.subscriber;
    if (!pc || pc.connectionState !== 'connected') return null;
    const mids = new Set(this.streams.filter((s) => s.participantId === id).map((s) => s.mid));
    if (mids.size === 0) return null;
    const mine = new Map<string, Record<string, unknown>>();
    (await pc.getStats()).forEach((stat: Record<string, unknown>, key: string) => {
      if (stat.type === 'inbound-rtp' && !mids.has(String(stat.mid))) return;
      mine.set(key, stat);
    });
    return mine;
  }

  voiceReceiver(id: string): RTCRtpReceiver | null {
    const stream = this.streams.find(
      (s) => s.participantId === id && s.source === 'camera' && s.kind === 'audio',
    );
    const tx = stream && this.subscriber?.getTransceivers().find((t) => t.mid === stream.mid);
    return tx?.receiver ?? null;
  }

  // ------------------------------------------------------------ publishing

  private publish(source: SfuSource): void {
    if (this.publishing[source] || (source === 'camera' ? this.camera : this.screen)) return;
    const round = this.round;
    const attempt = async () => {
      for (let i = 0; !this.closed && round === this.round; i++) {
        const local = this.local;
        if (!local || (source === 'screen' && !local.screen)) return;
        const tracks: [MediaStreamTrack | null, MediaStreamTrack | null] =
          source === 'camera' ? [local.mic, local.camera] : [local.screenAudio, local.screen];
        try {
          const publication = await Publication.open(this.options, source, tracks, this.rtcConfig);
          if (this.closed || round !== this.round) return publication.close();
          publication.pc.addEventListener('connectionstatechange', () => {
            if (publication.pc.connectionState === 'failed' && round === this.round) this.failed();
          });
          if (source === 'camera') this.camera = publication;
          else this.screen = publication;
          // The tracks may have changed while we negotiated.
          this.localMedia(this.local ?? local);
          return;
        } catch (err) {
          console.warn('[parley] sfu publish', source, err instanceof Error ? err.message : err);
          await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(i, RETRY_MS.length - 1)]));
        }
      }
    };
    const run = attempt().finally(() => {
      if (this.publishing[source] === run) delete this.publishing[source];
    });
    this.publishing[source] = run;
  }

  private async stopScreen(): Promise<void> {
    await this.publishing.screen;
    const screen = this.screen;
    this.screen = null;
    if (!screen) return;
    screen.close();
    await this.options.sfu.unpublish('screen').catch(() => {});
  }

  // ------------------------------------------------------------ subscribing

  private onOffer(description: SessionDescription<'offer'>, streams: SfuStream[]): void {
    const round = this.round;
    this.offers = this.offers
      .then(() => this.answer(description, streams, round))
      .catch((err: unknown) => {
        console.warn('[parley] sfu offer', err instanceof Error ? err.message : err);
      });
  }

  private async answer(
    description: SessionDescription<'offer'>,
    streams: SfuStream[],
    round: number,
  ): Promise<void> {
    if (this.closed || round !== this.round) return;
    let pc = this.subscriber;
    if (!pc) {
      const config = this.rtcConfig;
      pc = this.options.createConnection?.(config) ?? new RTCPeerConnection(config);
      this.subscriber = pc;
      const subscriber = pc;
      pc.addEventListener('connectionstatechange', () => {
        this.writeConnection();
        if (subscriber.connectionState === 'failed' && round === this.round) this.failed();
      });
    }
    await pc.setRemoteDescription(description);
    await pc.setLocalDescription();
    await iceGathered(pc, GATHER_MS);
    if (this.closed || round !== this.round) return;
    this.streams = streams;
    this.remap(pc);
    await this.options.sfu.answer(described(pc, 'answer'));
  }

  /** Groups the subscriber's receiving tracks by participant and source, as MediaStreams. */
  private remap(pc: RTCPeerConnection): void {
    const byMid = new Map(pc.getTransceivers().map((t) => [t.mid, t.receiver.track]));
    const tracks = new Map<string, Record<SfuSource, MediaStreamTrack[]>>();
    for (const s of this.streams) {
      const track = byMid.get(s.mid);
      if (!track) continue;
      let entry = tracks.get(s.participantId);
      if (!entry) tracks.set(s.participantId, (entry = { camera: [], screen: [] }));
      entry[s.source].push(track);
    }
    const ids = new Set([...tracks.keys(), ...this.received.keys()]);
    for (const id of ids) {
      const entry = tracks.get(id) ?? { camera: [], screen: [] };
      const key = `${entry.camera.map((t) => t.id).join(',')}|${entry.screen.map((t) => t.id).join(',')}`;
      const before = this.received.get(id);
      if (before?.key === key) continue;
      const streamOf = (list: MediaStreamTrack[], old: MediaStream | null | undefined) => {
        if (list.length === 0) return null;
        const same =
          old &&
          old.getTracks().length === list.length &&
          list.every((t) => old.getTrackById(t.id));
        return same ? old : new MediaStream(list);
      };
      const media: Received = {
        key,
        camera: streamOf(entry.camera, before?.camera),
        screen: streamOf(entry.screen, before?.screen),
      };
      if (!media.camera && !media.screen) this.received.delete(id);
      else this.received.set(id, media);
      if (this.live)
        this.state.setParticipantStreams(id, { camera: media.camera, screen: media.screen });
    }
    if (this.live) this.writeConnection();
  }

  private writeConnection(): void {
    if (!this.live) return;
    const state = this.subscriber?.connectionState ?? 'new';
    for (const id of Object.keys(this.state.participants)) {
      this.state.setParticipantConnection(id, state);
    }
  }
}
