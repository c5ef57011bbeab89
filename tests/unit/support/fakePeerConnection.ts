// A scripted stand-in for RTCPeerConnection, shared by the unit tests of
// Peer and Mesh. It keeps the parts of the JSEP state machine the Peer relies
// on (signaling states, implicit rollback, mids, negotiationneeded when
// stable, an SCTP section for the data channels) and records every call, so
// tests assert on what the code did to its connection and what it sent.
// Real browsers are in tests/e2e.
import { vi } from 'vitest';
import { FakeDataChannel } from './fakeDataChannel';
export type Kind = 'audio' | 'video';
export type SectionKind = Kind | 'application';
export type Direction = RTCRtpTransceiverDirection;

let trackCount = 0;
export function fakeTrack(kind: Kind, label: string = kind): MediaStreamTrack {
  trackCount += 1;
  return { kind, id: `${label}-${trackCount}`, label, readyState: 'live' } as MediaStreamTrack;
}

/** jsdom has no MediaStream: a container of tracks is all the Peer needs. */
export class FakeMediaStream {
  constructor(private readonly tracks: MediaStreamTrack[] = []) {}
  getTracks() {
    return [...this.tracks];
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
}

export class FakeSender {
  replaced: (MediaStreamTrack | null)[] = [];
  constructor(public track: MediaStreamTrack | null) {}
  replaceTrack = vi.fn(async (track: MediaStreamTrack | null) => {
    this.replaced.push(track);
    this.track = track;
  });
  params: RTCRtpSendParameters = {
    transactionId: 't',
    encodings: [{ active: true }],
    codecs: [],
    headerExtensions: [],
    rtcp: {},
  };
  setCalls = 0;
  getParameters() {
    return structuredClone(this.params);
  }
  setParameters(params: RTCRtpSendParameters) {
    this.setCalls += 1;
    this.params = params;
    return Promise.resolve();
  }
}

export class FakeTransceiver {
  mid: string | null = null;
  currentDirection: Direction | null = null;
  readonly sender: FakeSender;
  readonly receiver: { track: MediaStreamTrack };
  private dir: Direction;

  constructor(
    private readonly pc: FakePeerConnection,
    readonly kind: Kind,
    direction: Direction,
    track: MediaStreamTrack | null,
    /** Created by setRemoteDescription (removed again if that offer is rolled back). */
    readonly fromRemote = false,
  ) {
    this.dir = direction;
    this.sender = new FakeSender(track);
    this.receiver = { track: fakeTrack(kind, `remote-${kind}`) };
  }

  get direction(): Direction {
    return this.dir;
  }

  set direction(value: Direction) {
    if (value === this.dir) return;
    this.dir = value;
    if (this.mid !== null) this.pc.updateNegotiationNeeded();
  }
}

const sends = (d: Direction | null) => d === 'sendrecv' || d === 'sendonly';
const receives = (d: Direction | null) => d === 'sendrecv' || d === 'recvonly';
function direction(send: boolean, receive: boolean): Direction {
  if (send && receive) return 'sendrecv';
  if (send) return 'sendonly';
  return receive ? 'recvonly' : 'inactive';
}
/** The direction an answer gives a section the other side offered as `offered`. */
export const answered = (offered: Direction, local: Direction) =>
  direction(sends(local) && receives(offered), receives(local) && sends(offered));
/** The same section's direction seen from the other side. */
const reversed = (d: Direction) => direction(receives(d), sends(d));

export interface Section {
  kind: SectionKind;
  mid: string;
  direction: Direction;
}

export function parse(sdp: string): Section[] {
  const sections: Section[] = [];
  for (const line of sdp.split('\r\n')) {
    if (line.startsWith('m=')) {
      const kind = line.slice(2).split(' ')[0] as SectionKind;
      sections.push({ kind, mid: '', direction: 'sendrecv' });
    } else if (sections.length > 0 && line.startsWith('a=mid:')) {
      sections[sections.length - 1].mid = line.slice('a=mid:'.length);
    } else if (sections.length > 0 && /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) {
      sections[sections.length - 1].direction = line.slice(2) as Direction;
    }
  }
  return sections;
}

/** The audio and video sections only (what transceivers are made of). */
export const media = (sections: Section[]) => sections.filter((s) => s.kind !== 'application');

/** SDP with just what the Peer and this fake read: m= lines, mids, directions. */
export function sdp(sections: Section[]): string {
  const lines = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0'];
  for (const s of sections) {
    if (s.kind === 'application') {
      lines.push('m=application 9 UDP/DTLS/SCTP webrtc-datachannel', `a=mid:${s.mid}`);
    } else {
      lines.push(`m=${s.kind} 9 UDP/TLS/RTP/SAVPF 96`, `a=mid:${s.mid}`, `a=${s.direction}`);
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** Just enough of RTCPeerConnection's JSEP state machine, recording every call. */
export class FakePeerConnection {
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((event: { candidate: RTCIceCandidateInit | null }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  onicecandidateerror: ((event: Event) => void) | null = null;
  /** Every call, in order: 'SLD offer', 'SRD answer', 'rollback', 'addIceCandidate 1', ... */
  readonly log: string[] = [];
  readonly candidates: RTCIceCandidateInit[] = [];
  /** When set, addIceCandidate rejects with this. */
  rejectCandidates: Error | null = null;
  /** When set, setRemoteDescription rejects with this (a malformed SDP, as the browser would). */
  refuseDescriptions: Error | null = null;
  negotiationNeededCount = 0;
  private readonly transceivers: FakeTransceiver[] = [];
  /** The m= sections in order: transceivers and the SCTP (data channel) section. */
  private mlines: (FakeTransceiver | 'sctp')[] = [];
  private sctpWanted = false;
  private sctpMid: string | null = null;
  private sctpNegotiated = false;
  private nextMid = 0;
  private closed = false;
  private pendingRemoteOffer: Section[] = [];
  private needQueued = false;
  private needChecked: Promise<void> = Promise.resolve();

  constructor(readonly config: RTCConfiguration) {}

  addTransceiver(trackOrKind: MediaStreamTrack | Kind, init?: RTCRtpTransceiverInit) {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const kind = typeof trackOrKind === 'string' ? trackOrKind : (trackOrKind.kind as Kind);
    const tx = new FakeTransceiver(this, kind, init?.direction ?? 'sendrecv', track);
    this.transceivers.push(tx);
    this.log.push(`addTransceiver ${kind} ${tx.direction}`);
    this.updateNegotiationNeeded();
    return tx;
  }

  getTransceivers() {
    return [...this.transceivers];
  }

  /** The first data channel asks for an SCTP section, like the browser does. */
  createDataChannel(label: string, init?: RTCDataChannelInit) {
    this.log.push(`createDataChannel ${label} ${init?.id}`);
    if (!this.sctpWanted) {
      this.sctpWanted = true;
      this.updateNegotiationNeeded();
    }
    return new FakeDataChannel(label, init ?? {});
  }

  async setLocalDescription(description?: RTCSessionDescriptionInit) {
    this.assertOpen();
    if (description?.type === 'rollback') return this.rollback();
    if (this.signalingState === 'have-remote-offer') {
      // An answer to the pending remote offer.
      const sections = this.pendingRemoteOffer.map((offered): Section => {
        if (offered.kind === 'application') {
          this.sctpNegotiated = true;
          return offered;
        }
        const tx = this.byMid(offered.mid)!;
        tx.currentDirection = answered(offered.direction, tx.direction);
        return { kind: tx.kind, mid: offered.mid, direction: tx.currentDirection };
      });
      this.localDescription = { type: 'answer', sdp: sdp(sections) };
      this.log.push('SLD answer');
      this.becomeStable();
      return;
    }
    if (this.signalingState !== 'stable' && this.signalingState !== 'have-local-offer') {
      throw new DOMException(`SLD offer in ${this.signalingState}`, 'InvalidStateError');
    }
    // New sections go after the existing ones (the first offer: camera audio, video, then SCTP).
    for (const tx of this.transceivers) {
      if (tx.mid !== null) continue;
      tx.mid = String(this.nextMid++);
      this.mlines.push(tx);
    }
    if (this.sctpWanted && this.sctpMid === null) this.assignSctp();
    const sections = this.mlines.map((line): Section =>
      line === 'sctp'
        ? { kind: 'application', mid: this.sctpMid!, direction: 'sendrecv' }
        : { kind: line.kind, mid: line.mid!, direction: line.direction },
    );
    this.localDescription = { type: 'offer', sdp: sdp(sections) };
    this.signalingState = 'have-local-offer';
    this.log.push('SLD offer');
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit) {
    this.assertOpen();
    if (this.refuseDescriptions) throw this.refuseDescriptions;
    const sections = parse(description.sdp ?? '');
    if (description.type === 'offer') {
      // Chromium's implicit rollback of our own pending offer.
      if (this.signalingState === 'have-local-offer') this.rollback();
      if (this.signalingState !== 'stable') {
        throw new DOMException(`SRD offer in ${this.signalingState}`, 'InvalidStateError');
      }
      for (const s of sections) {
        this.nextMid = Math.max(this.nextMid, Number(s.mid) + 1 || 0);
        if (s.kind === 'application') {
          if (this.sctpMid === null) {
            this.sctpMid = s.mid;
            this.mlines.push('sctp');
          }
          continue;
        }
        if (this.byMid(s.mid)) continue;
        const tx = new FakeTransceiver(this, s.kind, 'recvonly', null, true);
        tx.mid = s.mid;
        this.transceivers.push(tx);
        this.mlines.push(tx);
      }
      this.pendingRemoteOffer = sections;
      this.remoteDescription = description;
      this.signalingState = 'have-remote-offer';
      this.log.push('SRD offer');
      return;
    }
    if (this.signalingState !== 'have-local-offer') {
      throw new DOMException(`SRD answer in ${this.signalingState}`, 'InvalidStateError');
    }
    for (const s of sections) {
      if (s.kind === 'application') this.sctpNegotiated = true;
      const tx = this.byMid(s.mid);
      if (tx) tx.currentDirection = reversed(s.direction);
    }
    this.remoteDescription = description;
    this.log.push('SRD answer');
    this.becomeStable();
  }

  async addIceCandidate(candidate: RTCIceCandidateInit) {
    this.assertOpen();
    if (this.rejectCandidates) throw this.rejectCandidates;
    if (!this.remoteDescription) {
      throw new DOMException('no remote description', 'InvalidStateError');
    }
    this.candidates.push(candidate);
    this.log.push(`addIceCandidate ${candidate.candidate}`);
  }

  restartIce() {
    this.log.push('restartIce');
  }

  setConfiguration() {}
  getConfiguration() {
    return this.config;
  }

  close() {
    this.closed = true;
    this.signalingState = 'closed';
    this.connectionState = 'closed';
    this.log.push('close');
  }

  /** The browser fires negotiationneeded (asynchronously) when stable and something changed. */
  updateNegotiationNeeded() {
    if (this.needQueued) return;
    this.needQueued = true;
    this.needChecked = new Promise<void>((resolve) =>
      queueMicrotask(() => {
        try {
          this.needQueued = false;
          if (this.closed || this.signalingState !== 'stable' || !this.needsNegotiation()) return;
          this.negotiationNeededCount += 1;
          this.onnegotiationneeded?.();
        } finally {
          resolve();
        }
      }),
    );
  }

  /**
   * Test helper: resolves once the negotiationneeded check queued last (if
   * any) has run, and its handler, when it fired, has returned. The Peer's
   * handler calls setLocalDescription before its first await, so from then on
   * `log` shows whether it began an offer.
   */
  negotiationNeededChecked(): Promise<void> {
    return this.needChecked;
  }

  /** Test helper: the connection's ICE/DTLS state changes. */
  setConnectionState(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }

  private needsNegotiation() {
    if (this.sctpWanted && this.sctpMid === null) return true;
    return this.transceivers.some(
      (tx) =>
        tx.mid === null ||
        (tx.currentDirection !== null &&
          !tx.fromRemote &&
          sends(tx.direction) !== sends(tx.currentDirection)),
    );
  }

  private rollback() {
    if (!this.sctpNegotiated) this.sctpMid = null;
    if (this.signalingState === 'have-local-offer') {
      for (const tx of this.transceivers) {
        if (tx.currentDirection === null) tx.mid = null;
      }
    } else if (this.signalingState === 'have-remote-offer') {
      for (let i = this.transceivers.length - 1; i >= 0; i--) {
        const tx = this.transceivers[i];
        if (tx.fromRemote && tx.currentDirection === null) this.transceivers.splice(i, 1);
      }
      this.remoteDescription = null;
    }
    this.mlines = this.mlines.filter((line) =>
      line === 'sctp'
        ? this.sctpMid !== null
        : this.transceivers.includes(line) && line.mid !== null,
    );
    this.localDescription = null;
    this.signalingState = 'stable';
    this.log.push('rollback');
  }

  private becomeStable() {
    this.signalingState = 'stable';
    this.pendingRemoteOffer = [];
    this.updateNegotiationNeeded();
  }

  private assignSctp() {
    if (this.sctpMid !== null) return;
    this.sctpMid = String(this.nextMid++);
    this.mlines.push('sctp');
  }

  private byMid(mid: string) {
    return this.transceivers.find((tx) => tx.mid === mid);
  }

  private assertOpen() {
    if (this.closed) throw new DOMException('closed', 'InvalidStateError');
  }
}
