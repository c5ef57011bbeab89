import { withAudioPriority, withLimits, type MeshLimits } from './adaptation';
import { cameraMids, missingMedia } from './sdp';

/** The local tracks a Peer can send, one slot each. */
export type TrackSlot = 'mic' | 'camera' | 'screen' | 'screenAudio';
export type LocalTracks = Record<TrackSlot, MediaStreamTrack | null>;

/** What this participant receives from the remote one. */
export interface RemoteMedia {
  /** Microphone + camera, present from the first negotiation on (tracks may be silent). */
  camera: MediaStream | null;
  /** The remote screen share (video, plus audio when the browser offered it). */
  screen: MediaStream | null;
}

type CameraTransceivers = { audio: RTCRtpTransceiver | null; video: RTCRtpTransceiver | null };

/**
 * The media side of one connection: which transceiver carries which local
 * track (mic and camera in the first audio and video sections, a screen share
 * in sections of its own), what the remote side sends us, and the sender
 * limits. Negotiation stays in Peer; this never offers or answers.
 */
export class MediaSlots {
  private readonly tracks: LocalTracks;
  /** Null until known; a side stays null when the first offer had no such section (audio- or video-only). */
  private camera: CameraTransceivers | null = null;
  private readonly own: Partial<Record<'screen' | 'screenAudio', RTCRtpTransceiver>> = {};
  private media: RemoteMedia = { camera: null, screen: null };
  private limits: MeshLimits | null = null;

  constructor(
    private readonly pc: RTCPeerConnection,
    tracks: LocalTracks,
    private readonly onMedia: (media: RemoteMedia) => void,
    private readonly onError: (err: unknown) => void,
  ) {
    this.tracks = { ...tracks };
  }

  get remote(): RemoteMedia {
    return this.media;
  }

  get hasCamera(): boolean {
    return this.camera !== null;
  }

  /** The offering side: mic and camera get the first audio and video sections. */
  createCamera(): void {
    const audio = this.pc.addTransceiver(this.tracks.mic ?? 'audio', { direction: 'sendrecv' });
    const video = this.pc.addTransceiver(this.tracks.camera ?? 'video', { direction: 'sendrecv' });
    this.camera = { audio, video };
    this.publishCamera();
    this.applyScreen();
  }

  /**
   * The answering side: the camera's transceivers are the first audio and video
   * of the first offer. Clients other than Parley may offer audio only, video
   * only, or neither: the call carries what they offer. Returns what is missing,
   * in words for people, or null.
   */
  adoptCamera(offerSdp: string): string | null {
    const mids = cameraMids(offerSdp);
    const byMid = (mid: string | null) =>
      this.pc.getTransceivers().find((t) => mid !== null && t.mid === mid) ?? null;
    const audio = byMid(mids.audio);
    const video = byMid(mids.video);
    this.camera = { audio, video };
    for (const [tx, track] of [
      [audio, this.tracks.mic],
      [video, this.tracks.camera],
    ] as const) {
      if (!tx) continue;
      tx.direction = 'sendrecv';
      void tx.sender.replaceTrack(track);
    }
    this.publishCamera();
    return missingMedia(offerSdp);
  }

  /**
   * Swaps what one slot sends. Camera and mic replace the track in place (no
   * renegotiation); a screen share adds or stops its own sections, which
   * renegotiates, so only once `canRenegotiate`.
   */
  setTrack(slot: TrackSlot, track: MediaStreamTrack | null, canRenegotiate: boolean): void {
    if (this.tracks[slot] === track) return;
    this.tracks[slot] = track;
    if (slot === 'mic' || slot === 'camera') {
      const tx = this.camera?.[slot === 'mic' ? 'audio' : 'video'];
      tx?.sender.replaceTrack(track).catch(this.onError);
    } else if (canRenegotiate) {
      this.applyScreen();
    }
  }

  /** Our share's sections follow the screen slots: added, reused, or made inactive. */
  applyScreen(): void {
    for (const slot of ['screen', 'screenAudio'] as const) {
      const track = this.tracks[slot];
      const tx = this.own[slot];
      if (track) {
        if (tx) {
          void tx.sender.replaceTrack(track);
          tx.direction = 'sendonly';
        } else {
          this.own[slot] = this.pc.addTransceiver(track, { direction: 'sendonly' });
        }
      } else if (tx && tx.direction !== 'inactive') {
        void tx.sender.replaceTrack(null);
        tx.direction = 'inactive';
      }
    }
  }

  /** The receiver of the remote microphone (its RTP audio levels light the speaking ring). */
  voiceReceiver(): RTCRtpReceiver | null {
    return this.camera?.audio?.receiver ?? null;
  }

  setLimits(limits: MeshLimits): void {
    this.limits = limits;
    this.pushLimits();
  }

  /** Caps our camera and screen senders (adaptation.ts); re-applied after each negotiation. */
  pushLimits(): void {
    const limits = this.limits;
    if (!limits) return;
    const set = (
      sender: RTCRtpSender | undefined,
      next: (p: RTCRtpSendParameters) => RTCRtpSendParameters | null,
    ) => {
      if (!sender) return;
      try {
        const params = next(sender.getParameters());
        // A refusal (e.g. mid-renegotiation) is retried after the next negotiation.
        if (params) sender.setParameters(params).catch(() => {});
      } catch {
        // No send parameters yet (or a browser without them): keep its defaults.
      }
    };
    set(this.camera?.video?.sender, (p) => withLimits(p, limits.camera));
    set(this.camera?.audio?.sender, withAudioPriority);
    set(this.own.screen?.sender, (p) => withLimits(p, limits.screen));
  }

  /** A remote share is any transceiver beyond the camera's, not ours, that the remote sends on. */
  refreshRemote(): void {
    const own = new Set(Object.values(this.own));
    const camera = this.camera;
    const receiving = this.pc
      .getTransceivers()
      .filter(
        (t) =>
          !own.has(t) &&
          t !== camera?.audio &&
          t !== camera?.video &&
          (t.currentDirection === 'recvonly' || t.currentDirection === 'sendrecv'),
      );
    const video = receiving.find((t) => t.receiver.track.kind === 'video')?.receiver.track ?? null;
    const audio = receiving.find((t) => t.receiver.track.kind === 'audio')?.receiver.track ?? null;
    const current = this.media.screen?.getTracks() ?? [];
    const next = video ? [video, ...(audio ? [audio] : [])] : [];
    const same = current.length === next.length && next.every((t) => current.includes(t));
    if (same) return;
    this.media = { ...this.media, screen: next.length ? new MediaStream(next) : null };
    this.onMedia(this.media);
  }

  private publishCamera(): void {
    if (!this.camera) return;
    const { audio, video } = this.camera;
    const tracks = [audio, video].flatMap((tx) => (tx ? [tx.receiver.track] : []));
    this.media = { ...this.media, camera: tracks.length ? new MediaStream(tracks) : null };
    this.onMedia(this.media);
  }
}
