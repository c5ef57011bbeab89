import { Emitter } from '@/lib/util/emitter';
import type { IceCandidate, SessionDescription } from '../protocol';
import { PeerChannels } from './channels';
import type { MeshLimits } from './adaptation';
import { iceGathered } from './iceGathering';
import { IceRecovery } from './iceRecovery';
import { MediaSlots, type LocalTracks, type RemoteMedia, type TrackSlot } from './mediaSlots';
import { wantsCandidatesInAnswer } from './sdp';

export type { LocalTracks, RemoteMedia, TrackSlot } from './mediaSlots';

export type PeerSignal =
  | { type: 'offer'; description: SessionDescription<'offer'> }
  | { type: 'answer'; description: SessionDescription<'answer'> }
  | { type: 'ice'; candidate: IceCandidate | null };

export type PeerEvents = {
  signal: [PeerSignal];
  media: [RemoteMedia];
  state: [RTCPeerConnectionState];
  /** Why this participant cannot be reached (null once connected again). */
  problem: [reason: string | null];
  /** We could not apply the remote side's offer or answer (tell them: they should send it again). */
  refused: [kind: 'offer' | 'answer', Error];
  error: [Error];
};

export interface PeerOptions {
  /** The remote participant id. */
  id: string;
  selfId: string;
  /** The newcomer makes the first offer; members wait for it (see DESIGN.md). */
  initiator: boolean;
  rtcConfig: RTCConfiguration;
  tracks: LocalTracks;
  createConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  maxIceRestarts?: number;
  /** Delay before a connection stuck in `disconnected` restarts ICE. */
  disconnectedGraceMs?: number;
}

/**
 * One RTCPeerConnection to one remote participant, negotiated with the W3C
 * "perfect negotiation" pattern: the polite side (chosen from the two ids)
 * rolls back on glare, the impolite side ignores the colliding offer.
 */
export class Peer extends Emitter<PeerEvents> {
  readonly id: string;
  readonly polite: boolean;
  private readonly pc: RTCPeerConnection;
  /** Pre-negotiated data channels (control + files), made on both sides; see channels.ts. */
  readonly channels: PeerChannels;
  /** We offered first on this connection (the newcomer's side, or the side that reset it). */
  readonly initiator: boolean;
  private readonly slots: MediaSlots;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private negotiated = false;
  private closed = false;
  private chain: Promise<void> = Promise.resolve();
  private pendingCandidates: IceCandidate[] = [];
  private readonly recovery: IceRecovery;

  constructor(options: PeerOptions) {
    super();
    this.id = options.id;
    this.initiator = options.initiator;
    // Ids sort by join time (server/handlers/room.ts), so the polite side, the
    // one that rolls back on glare, is the newcomer.
    this.polite = options.selfId > options.id;
    const create = options.createConnection ?? ((config) => new RTCPeerConnection(config));
    this.pc = create(options.rtcConfig);
    this.slots = new MediaSlots(
      this.pc,
      options.tracks,
      (media) => this.emit('media', media),
      (err) => this.fail(err),
    );
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = ({ candidate }) => {
      if (!candidate || !candidate.candidate) return;
      const { sdpMid, sdpMLineIndex, usernameFragment } = candidate;
      this.emit('signal', {
        type: 'ice',
        candidate: { candidate: candidate.candidate, sdpMid, sdpMLineIndex, usernameFragment },
      });
    };
    this.recovery = new IceRecovery(this.pc, this.polite, {
      maxRestarts: options.maxIceRestarts,
      disconnectedGraceMs: options.disconnectedGraceMs,
    });
    this.recovery.on('problem', (reason) => this.emit('problem', reason));
    this.pc.onconnectionstatechange = () => {
      this.emit('state', this.pc.connectionState);
      this.recovery.onConnectionState(this.pc.connectionState);
    };
    this.pc.onicecandidateerror = (event) =>
      this.recovery.onCandidateError((event as RTCPeerConnectionIceErrorEvent).errorCode);
    if (this.initiator) this.slots.createCamera();
    // Negotiated channels need no signaling of their own: the initiator's first
    // offer carries the SCTP section; a member's negotiationneeded is ignored until then.
    this.channels = new PeerChannels((label, init) => this.pc.createDataChannel(label, init));
  }

  /** Handles an offer, answer or candidate from the remote side, one at a time, in order. */
  handleSignal(signal: PeerSignal): Promise<void> {
    this.chain = this.chain.then(() => this.apply(signal)).catch((err: unknown) => this.fail(err));
    return this.chain;
  }

  /** Swaps what one slot sends. Camera and mic never renegotiate; a screen share does. */
  setTrack(slot: TrackSlot, track: MediaStreamTrack | null): void {
    if (this.closed) return;
    this.slots.setTrack(slot, track, this.negotiated || this.initiator);
  }

  /**
   * Sends our outstanding offer again. An offer made while the signaling link
   * was down never arrived (the server refuses relays before we re-enter).
   */
  resendPendingOffer(): void {
    const offer = this.pc.localDescription;
    if (this.closed || this.pc.signalingState !== 'have-local-offer' || offer?.type !== 'offer')
      return;
    this.emit('signal', { type: 'offer', description: { type: 'offer', sdp: offer.sdp } });
  }

  /**
   * A fresh try at negotiating (the connection did not come up, or the other
   * side refused what we sent): our outstanding offer again, or a new offer
   * with new ICE credentials. A member that never got an offer waits for one.
   */
  retryNegotiation(): void {
    if (this.closed) return;
    if (this.pc.signalingState === 'have-local-offer') {
      this.resendPendingOffer();
    } else if (this.pc.signalingState === 'stable') {
      if (this.negotiated) this.pc.restartIce();
      else if (this.initiator) void this.negotiate();
    }
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** The connection's stats while it is connected (quality marks); null otherwise. */
  async connectedStats(): Promise<RTCStatsReport | null> {
    if (this.closed || this.pc.connectionState !== 'connected') return null;
    return this.pc.getStats();
  }

  /** The receiver of the remote microphone (its RTP audio levels light the speaking ring). */
  voiceReceiver(): RTCRtpReceiver | null {
    return this.slots.voiceReceiver();
  }

  /** New ICE servers (fresh TURN credentials) for ICE restarts from now on. */
  setIceServers(iceServers: RTCIceServer[]): void {
    if (this.closed) return;
    this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
  }

  /** Caps what our camera and screen senders use towards this peer; re-applied after negotiations. */
  applySenderLimits(limits: MeshLimits): void {
    if (this.closed) return;
    this.slots.setLimits(limits);
  }

  get remoteMedia(): RemoteMedia {
    return this.slots.remote;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.channels.close();
    this.recovery.stop();
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.onconnectionstatechange = null;
    this.pc.onicecandidateerror = null;
    this.pc.close();
    this.removeAllListeners();
  }

  // ------------------------------------------------------------ negotiation

  private async negotiate(): Promise<void> {
    // A member waits for the newcomer's first offer; offering first on a brand-new
    // connection from both sides can leave ICE stuck (DESIGN.md, "Who offers first").
    if (this.closed || (!this.initiator && !this.negotiated)) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const description = this.pc.localDescription;
      if (description && description.type === 'offer' && !this.closed) {
        this.emit('signal', {
          type: 'offer',
          description: { type: 'offer', sdp: description.sdp },
        });
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.makingOffer = false;
    }
  }

  private async apply(signal: PeerSignal): Promise<void> {
    if (this.closed) return;
    if (signal.type === 'ice') {
      if (!signal.candidate) return;
      if (!this.pc.remoteDescription) {
        this.pendingCandidates.push(signal.candidate);
        return;
      }
      await this.addCandidate(signal.candidate);
      return;
    }
    const { description } = signal;
    const readyForOffer =
      !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
    const collision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;

    try {
      await this.applyDescription(description);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (!this.closed) this.emit('refused', description.type, error);
      throw err;
    }
    if (this.closed) return;
    const first = !this.negotiated;
    this.negotiated = true;
    await this.flushCandidates();
    this.slots.refreshRemote();
    if (first && !this.initiator) this.slots.applyScreen();
    this.slots.pushLimits();
  }

  /** Applies a remote offer (and answers it) or a remote answer. */
  private async applyDescription(description: SessionDescription<'offer' | 'answer'>) {
    this.settingRemoteAnswer = description.type === 'answer';
    try {
      await this.pc.setRemoteDescription(description);
    } finally {
      this.settingRemoteAnswer = false;
    }
    if (this.closed || description.type !== 'offer') return;
    if (!this.slots.hasCamera) {
      // "Neither audio nor video" is said, not waited on.
      const missing = this.slots.adoptCamera(description.sdp);
      if (missing) this.emit('problem', missing);
    }
    await this.pc.setLocalDescription();
    // A client that takes no trickled candidates gets all of ours inside the answer.
    if (wantsCandidatesInAnswer(description.sdp)) await iceGathered(this.pc, 5000);
    const answer = this.pc.localDescription;
    if (answer && !this.closed) {
      this.emit('signal', { type: 'answer', description: { type: 'answer', sdp: answer.sdp } });
    }
  }

  private async addCandidate(candidate: IceCandidate): Promise<void> {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (err) {
      if (!this.ignoreOffer) throw err;
    }
  }

  private async flushCandidates(): Promise<void> {
    const queued = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of queued) await this.addCandidate(candidate);
  }

  private fail(err: unknown): void {
    if (this.closed) return;
    this.emit('error', err instanceof Error ? err : new Error(String(err)));
  }
}
