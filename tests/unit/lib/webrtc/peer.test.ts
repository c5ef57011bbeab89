// The Peer's negotiation state machine, driven through a scripted fake
// RTCPeerConnection (PeerOptions.createConnection): who offers first, glare
// on both sides, the ICE candidate queue, and track swaps that must not
// renegotiate. The fake keeps the parts of the JSEP state machine the Peer
// relies on (signaling states, implicit rollback, mids, negotiationneeded
// when stable) and records every call, so tests assert on what the Peer did
// to its connection and what it sent to the other side. Real browsers are in
// tests/e2e.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IceCandidate } from '@/lib/protocol';
import { Peer, type LocalTracks, type PeerSignal, type RemoteMedia } from '@/lib/webrtc/peer';

// ------------------------------------------------------------------ fakes

type Kind = 'audio' | 'video';
type SectionKind = Kind | 'application';
type Direction = RTCRtpTransceiverDirection;

let trackCount = 0;
function fakeTrack(kind: Kind, label: string = kind): MediaStreamTrack {
  trackCount += 1;
  return { kind, id: `${label}-${trackCount}`, label, readyState: 'live' } as MediaStreamTrack;
}

/** jsdom has no MediaStream: a container of tracks is all the Peer needs. */
class FakeMediaStream {
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

/** What PeerChannels needs of an RTCDataChannel; it never opens here. */
class FakeDataChannel {
  readyState: RTCDataChannelState = 'connecting';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType: BinaryType = 'blob';
  send() {}
  close() {
    this.readyState = 'closed';
  }
  addEventListener() {}
  removeEventListener() {}
}

class FakeSender {
  replaced: (MediaStreamTrack | null)[] = [];
  constructor(public track: MediaStreamTrack | null) {}
  replaceTrack = vi.fn(async (track: MediaStreamTrack | null) => {
    this.replaced.push(track);
    this.track = track;
  });
}

class FakeTransceiver {
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
const answered = (offered: Direction, local: Direction) =>
  direction(sends(local) && receives(offered), receives(local) && sends(offered));
/** The same section's direction seen from the other side. */
const reversed = (d: Direction) => direction(receives(d), sends(d));

interface Section {
  kind: SectionKind;
  mid: string;
  direction: Direction;
}

function parse(sdp: string): Section[] {
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
const media = (sections: Section[]) => sections.filter((s) => s.kind !== 'application');

/** SDP with just what the Peer and this fake read: m= lines, mids, directions. */
function sdp(sections: Section[]): string {
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
class FakePeerConnection {
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
    return new FakeDataChannel();
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
    queueMicrotask(() => {
      this.needQueued = false;
      if (this.closed || this.signalingState !== 'stable' || !this.needsNegotiation()) return;
      this.negotiationNeededCount += 1;
      this.onnegotiationneeded?.();
    });
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

// ------------------------------------------------------------------ helpers

/** Lets queued microtasks and promise chains run to the end. */
async function settle() {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}

interface Harness {
  peer: Peer;
  pc: FakePeerConnection;
  signals: PeerSignal[];
  errors: Error[];
  media: RemoteMedia[];
  tracks: LocalTracks;
  offers(): PeerSignal[];
  answers(): PeerSignal[];
}

function makePeer(options: { selfId: string; id: string; initiator: boolean }): Harness {
  let pc: FakePeerConnection | undefined;
  const tracks: LocalTracks = {
    mic: fakeTrack('audio', 'mic'),
    camera: fakeTrack('video', 'camera'),
    screen: null,
    screenAudio: null,
  };
  const peer = new Peer({
    ...options,
    rtcConfig: { iceServers: [] },
    tracks,
    createConnection: (config) => {
      pc = new FakePeerConnection(config);
      return pc as unknown as RTCPeerConnection;
    },
  });
  const signals: PeerSignal[] = [];
  const errors: Error[] = [];
  const media: RemoteMedia[] = [];
  peer.on('signal', (s) => signals.push(s));
  peer.on('error', (e) => errors.push(e));
  peer.on('media', (m) => media.push(m));
  return {
    peer,
    pc: pc!,
    signals,
    errors,
    media,
    tracks,
    offers: () => signals.filter((s) => s.type === 'offer'),
    answers: () => signals.filter((s) => s.type === 'answer'),
  };
}

const offer = (sections: Section[]): PeerSignal => ({
  type: 'offer',
  description: { type: 'offer', sdp: sdp(sections) },
});
const answer = (sections: Section[]): PeerSignal => ({
  type: 'answer',
  description: { type: 'answer', sdp: sdp(sections) },
});
const ice = (n: number): PeerSignal => ({
  type: 'ice',
  candidate: {
    candidate: `candidate:${n} 1 udp 2122260223 127.0.0.1 5000${n} typ host`,
    sdpMid: '0',
    sdpMLineIndex: 0,
    usernameFragment: 'abcd',
  } satisfies IceCandidate,
});

/** The remote newcomer's first offer: its camera's audio and video, then the data channels. */
const CAMERA_OFFER: Section[] = [
  { kind: 'audio', mid: '0', direction: 'sendrecv' },
  { kind: 'video', mid: '1', direction: 'sendrecv' },
  { kind: 'application', mid: '2', direction: 'sendrecv' },
];
/** The remote's renegotiation when it starts a screen share (a new sendonly video). */
const REMOTE_SCREEN_OFFER: Section[] = [
  ...CAMERA_OFFER,
  { kind: 'video', mid: '3', direction: 'sendonly' },
];

/** What the Peer did to its connection in JSEP terms (no transceiver or channel creation). */
const jsep = (pc: FakePeerConnection) =>
  pc.log.filter((line) => !/^(addTransceiver|createDataChannel) /.test(line));

/** The remote side's answer to an offer: every section answered from its side. */
function answerTo(signal: PeerSignal, remoteSends = true): PeerSignal {
  if (signal.type !== 'offer') throw new Error(`not an offer: ${signal.type}`);
  return answer(
    parse(signal.description.sdp).map((s) => ({
      ...s,
      direction: answered(s.direction, remoteSends ? 'sendrecv' : 'recvonly'),
    })),
  );
}

/** A peer whose first negotiation is done (it made the first offer, or answered it). */
async function negotiated(options: { selfId: string; id: string; initiator: boolean }) {
  const h = makePeer(options);
  if (options.initiator) {
    await settle();
    await h.peer.handleSignal(answerTo(h.offers()[0]));
  } else {
    await h.peer.handleSignal(offer(CAMERA_OFFER));
  }
  await settle();
  expect(h.pc.signalingState).toBe('stable');
  h.signals.length = 0;
  return h;
}

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

// ------------------------------------------------------------------ tests

describe('Peer: who offers first', () => {
  it('the initiator (the newcomer) offers its camera audio and video at once', async () => {
    const h = makePeer({ selfId: 'b', id: 'a', initiator: true });
    await settle();
    expect(h.pc.log).toEqual([
      'addTransceiver audio sendrecv',
      'addTransceiver video sendrecv',
      'createDataChannel parley-control 0',
      'createDataChannel parley-files 1',
      'SLD offer',
    ]);
    expect(h.offers()).toHaveLength(1);
    const first = h.offers()[0];
    if (first.type !== 'offer') throw new Error('unreachable');
    // Camera audio and video, then one SCTP section for the pre-negotiated channels.
    expect(parse(first.description.sdp)).toEqual(CAMERA_OFFER);
    // Its transceivers send the local mic and camera.
    const [audio, video] = h.pc.getTransceivers();
    expect(audio.sender.track).toBe(h.tracks.mic);
    expect(video.sender.track).toBe(h.tracks.camera);
    // The remote camera stream exists from the start (silent until media arrives).
    expect(h.peer.remoteMedia.camera?.getTracks()).toEqual([
      audio.receiver.track,
      video.receiver.track,
    ]);
    expect(h.errors).toEqual([]);
  });

  it('a member does not offer before it has received an offer, even when asked to negotiate', async () => {
    const h = makePeer({ selfId: 'a', id: 'b', initiator: false });
    await settle();
    expect(h.pc.getTransceivers()).toEqual([]);
    // A screen share started before the first offer, and a stray negotiationneeded.
    h.peer.setTrack('screen', fakeTrack('video', 'screen'));
    h.pc.onnegotiationneeded?.();
    await settle();
    expect(h.offers()).toEqual([]);
    expect(jsep(h.pc)).toEqual([]);
    expect(h.pc.signalingState).toBe('stable');

    // The newcomer's offer arrives: the member answers and adopts the camera transceivers.
    await h.peer.handleSignal(offer(CAMERA_OFFER));
    await settle();
    expect(h.answers()).toHaveLength(1);
    const [audio, video] = h.pc.getTransceivers();
    expect(audio.direction).toBe('sendrecv');
    expect(video.direction).toBe('sendrecv');
    expect(audio.sender.track).toBe(h.tracks.mic);
    expect(video.sender.track).toBe(h.tracks.camera);
    const reply = h.answers()[0];
    if (reply.type !== 'answer') throw new Error('unreachable');
    expect(media(parse(reply.description.sdp)).map((s) => s.direction)).toEqual([
      'sendrecv',
      'sendrecv',
    ]);

    // Now negotiated, the share held back earlier goes out in the member's own offer.
    expect(h.offers()).toHaveLength(1);
    const own = h.offers()[0];
    if (own.type !== 'offer') throw new Error('unreachable');
    expect(parse(own.description.sdp)).toEqual([
      ...CAMERA_OFFER,
      { kind: 'video', mid: '3', direction: 'sendonly' },
    ]);
    expect(h.errors).toEqual([]);
  });
});

describe('Peer: glare (both sides offer at once)', () => {
  /** A negotiated peer that has just sent an offer for its new screen share. */
  const ROLES = [
    { selfId: 'a', id: 'b', initiator: true },
    { selfId: 'b', id: 'a', initiator: true },
    { selfId: 'a', id: 'b', initiator: false },
    { selfId: 'b', id: 'a', initiator: false },
  ];
  const isPolite = (role: (typeof ROLES)[number]) => {
    const { peer } = makePeer(role);
    peer.close();
    return peer.polite;
  };

  it('exactly one side of a connection is polite, whichever side made the first offer', () => {
    for (const [selfId, id] of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      const newcomer = isPolite({ selfId, id, initiator: true });
      const member = isPolite({ selfId: id, id: selfId, initiator: false });
      expect(newcomer).not.toBe(member);
    }
  });

  /** A negotiated peer, polite or not as asked, that has just sent an offer for its new screen share. */
  async function offering(polite: boolean) {
    const role = ROLES.find((r) => isPolite(r) === polite)!;
    const h = await negotiated(role);
    expect(h.peer.polite).toBe(polite);
    h.peer.setTrack('screen', fakeTrack('video', 'screen'));
    await settle();
    expect(h.offers()).toHaveLength(1);
    expect(h.pc.signalingState).toBe('have-local-offer');
    h.pc.log.length = 0;
    return h;
  }

  it('the impolite side ignores the colliding offer and keeps its own', async () => {
    const h = await offering(false);
    await h.peer.handleSignal(offer(REMOTE_SCREEN_OFFER));
    await settle();
    expect(h.pc.log).toEqual([]);
    expect(h.answers()).toEqual([]);
    expect(h.pc.signalingState).toBe('have-local-offer');
    // Candidates that belong to the ignored offer may fail: not an error.
    h.pc.rejectCandidates = new DOMException('unknown ufrag', 'OperationError');
    await h.peer.handleSignal(ice(1));
    expect(h.errors).toEqual([]);
    h.pc.rejectCandidates = null;

    // The remote (polite) side rolled back and answers ours: done, stable.
    await h.peer.handleSignal(answerTo(h.offers()[0]));
    await settle();
    expect(h.pc.signalingState).toBe('stable');
    expect(h.pc.log).toContain('SRD answer');
    expect(h.errors).toEqual([]);
  });

  it('the polite side rolls back, answers, then offers its change again', async () => {
    const h = await offering(true);
    const ownOffer = h.offers()[0];
    await h.peer.handleSignal(offer(REMOTE_SCREEN_OFFER));
    await settle();
    expect(h.pc.log.slice(0, 3)).toEqual(['rollback', 'SRD offer', 'SLD answer']);
    expect(h.answers()).toHaveLength(1);
    // The remote share is now received.
    expect(h.peer.remoteMedia.screen?.getVideoTracks()).toHaveLength(1);
    expect(h.media.at(-1)?.screen).toBe(h.peer.remoteMedia.screen);

    // Its own share was rolled back, so it offers again, after its answer.
    const offers = h.offers();
    expect(offers).toHaveLength(2);
    expect(h.signals.indexOf(offers[1])).toBeGreaterThan(h.signals.indexOf(h.answers()[0]));
    if (offers[1].type !== 'offer' || ownOffer.type !== 'offer') throw new Error('unreachable');
    const again = media(parse(offers[1].description.sdp));
    expect(again).toHaveLength(4);
    expect(again.filter((s) => s.direction === 'sendonly')).toEqual([
      { kind: 'video', mid: '4', direction: 'sendonly' },
    ]);
    await h.peer.handleSignal(answerTo(offers[1]));
    await settle();
    expect(h.pc.signalingState).toBe('stable');
    expect(h.errors).toEqual([]);
  });

  it('a stray answer while stable is reported as an error, and later signals still work', async () => {
    const h = await negotiated({ selfId: 'b', id: 'a', initiator: true });
    await h.peer.handleSignal(answer(CAMERA_OFFER));
    expect(h.errors).toHaveLength(1);
    expect(String(h.errors[0])).toMatch(/InvalidStateError/);
    // The chain goes on: later signals are still handled.
    await h.peer.handleSignal(offer(REMOTE_SCREEN_OFFER));
    await settle();
    expect(h.answers()).toHaveLength(1);
  });
});

describe('Peer: ICE candidates', () => {
  it('queues candidates that arrive before the offer and adds them, in order, after it', async () => {
    const h = makePeer({ selfId: 'a', id: 'b', initiator: false });
    await h.peer.handleSignal(ice(1));
    await h.peer.handleSignal(ice(2));
    expect(h.pc.candidates).toEqual([]);
    expect(h.errors).toEqual([]);

    await h.peer.handleSignal(offer(CAMERA_OFFER));
    await h.peer.handleSignal(ice(3));
    expect(jsep(h.pc)).toEqual([
      'SRD offer',
      'SLD answer',
      `addIceCandidate ${(ice(1) as { candidate: IceCandidate }).candidate.candidate}`,
      `addIceCandidate ${(ice(2) as { candidate: IceCandidate }).candidate.candidate}`,
      `addIceCandidate ${(ice(3) as { candidate: IceCandidate }).candidate.candidate}`,
    ]);
    expect(h.errors).toEqual([]);
  });

  it('the initiator queues candidates that arrive before the answer, then adds them', async () => {
    const h = makePeer({ selfId: 'b', id: 'a', initiator: true });
    await settle();
    await h.peer.handleSignal(ice(1));
    expect(h.pc.candidates).toEqual([]);
    await h.peer.handleSignal(answerTo(h.offers()[0]));
    expect(h.pc.candidates.map((c) => c.candidate)).toEqual([
      (ice(1) as { candidate: IceCandidate }).candidate.candidate,
    ]);
    expect(h.pc.log.indexOf('SRD answer')).toBeLessThan(
      h.pc.log.findIndex((l) => l.startsWith('addIceCandidate')),
    );
    expect(h.errors).toEqual([]);
  });

  it('sends its own candidates to the other side, and not the end-of-candidates marker', async () => {
    const h = makePeer({ selfId: 'b', id: 'a', initiator: true });
    h.pc.onicecandidate?.({
      candidate: {
        candidate: 'candidate:9 1 udp 1 127.0.0.1 9 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      },
    });
    h.pc.onicecandidate?.({ candidate: null });
    h.pc.onicecandidate?.({ candidate: { candidate: '', sdpMid: '0', sdpMLineIndex: 0 } });
    const sent = h.signals.filter((s) => s.type === 'ice');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      candidate: { candidate: 'candidate:9 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0' },
    });
  });
});

describe('Peer: swapping tracks', () => {
  it("setTrack('camera', null) replaces the camera sender's track without renegotiating", async () => {
    for (const initiator of [true, false]) {
      const h = await negotiated({ selfId: 'a', id: 'b', initiator });
      const [audio, video] = h.pc.getTransceivers();
      const needed = h.pc.negotiationNeededCount;
      h.pc.log.length = 0;

      h.peer.setTrack('camera', null);
      await settle();
      expect(video.sender.replaceTrack).toHaveBeenLastCalledWith(null);
      expect(video.sender.track).toBeNull();
      expect(video.direction).toBe('sendrecv');
      expect(audio.sender.track).toBe(h.tracks.mic);

      const camera = fakeTrack('video', 'camera');
      h.peer.setTrack('camera', camera);
      h.peer.setTrack('mic', null);
      await settle();
      expect(video.sender.track).toBe(camera);
      expect(audio.sender.replaceTrack).toHaveBeenLastCalledWith(null);

      expect(h.pc.log).toEqual([]);
      expect(h.offers()).toEqual([]);
      expect(h.pc.negotiationNeededCount).toBe(needed);
      expect(h.errors).toEqual([]);
    }
  });

  it('a screen share does renegotiate, and stopping it makes its section inactive', async () => {
    const h = await negotiated({ selfId: 'a', id: 'b', initiator: true });
    const screen = fakeTrack('video', 'screen');
    h.peer.setTrack('screen', screen);
    await settle();
    expect(h.offers()).toHaveLength(1);
    await h.peer.handleSignal(answerTo(h.offers()[0], false));
    await settle();
    const shareTx = h.pc.getTransceivers()[2];
    expect(shareTx.sender.track).toBe(screen);
    expect(shareTx.currentDirection).toBe('sendonly');

    h.peer.setTrack('screen', null);
    await settle();
    expect(shareTx.direction).toBe('inactive');
    expect(shareTx.sender.replaceTrack).toHaveBeenLastCalledWith(null);
    expect(h.offers()).toHaveLength(2);
    const stop = h.offers()[1];
    if (stop.type !== 'offer') throw new Error('unreachable');
    expect(media(parse(stop.description.sdp))[2]).toEqual({
      kind: 'video',
      mid: '3',
      direction: 'inactive',
    });
    expect(h.errors).toEqual([]);
  });

  it('shows a remote share while the remote sends it, and drops it when it stops', async () => {
    const h = await negotiated({ selfId: 'a', id: 'b', initiator: false });
    expect(h.peer.remoteMedia.screen).toBeNull();
    await h.peer.handleSignal(offer(REMOTE_SCREEN_OFFER));
    await settle();
    expect(h.peer.remoteMedia.screen?.getVideoTracks()).toEqual([
      h.pc.getTransceivers()[2].receiver.track,
    ]);
    const camera = h.peer.remoteMedia.camera;
    await h.peer.handleSignal(
      offer([...CAMERA_OFFER, { kind: 'video', mid: '3', direction: 'inactive' }]),
    );
    await settle();
    expect(h.peer.remoteMedia.screen).toBeNull();
    expect(h.peer.remoteMedia.camera).toBe(camera);
    expect(h.errors).toEqual([]);
  });
});
