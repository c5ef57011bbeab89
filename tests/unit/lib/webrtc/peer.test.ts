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
import {
  fakeTrack,
  FakeMediaStream,
  answered,
  FakePeerConnection,
  media,
  parse,
  sdp,
  type Section,
} from '@/tests/unit/support/fakePeerConnection';

// ------------------------------------------------------------------ helpers

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
    await vi.waitFor(() => expect(h.offers()).toHaveLength(1));
    await h.peer.handleSignal(answerTo(h.offers()[0]));
  } else {
    await h.peer.handleSignal(offer(CAMERA_OFFER));
  }
  // Becoming stable checks negotiationneeded again: nothing is left to offer.
  await h.pc.negotiationNeededChecked();
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
    await vi.waitFor(() => expect(h.offers()).toHaveLength(1));
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
    // Its data channels fire negotiationneeded at once, and the member lets it pass.
    await h.pc.negotiationNeededChecked();
    expect(h.pc.negotiationNeededCount).toBe(1);
    expect(jsep(h.pc)).toEqual([]);
    expect(h.pc.getTransceivers()).toEqual([]);
    // A screen share started before the first offer, and a stray negotiationneeded.
    h.peer.setTrack('screen', fakeTrack('video', 'screen'));
    h.pc.onnegotiationneeded?.();
    await h.pc.negotiationNeededChecked();
    expect(h.offers()).toEqual([]);
    expect(jsep(h.pc)).toEqual([]);
    expect(h.pc.signalingState).toBe('stable');

    // The newcomer's offer arrives: the member answers and adopts the camera transceivers.
    await h.peer.handleSignal(offer(CAMERA_OFFER));
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
    await vi.waitFor(() => expect(h.offers()).toHaveLength(1));
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
    await vi.waitFor(() => expect(h.offers()).toHaveLength(1));
    expect(h.pc.signalingState).toBe('have-local-offer');
    h.pc.log.length = 0;
    return h;
  }

  it('the impolite side ignores the colliding offer and keeps its own', async () => {
    const h = await offering(false);
    // handleSignal resolves once the Peer has dealt with the offer: here, by ignoring it.
    await h.peer.handleSignal(offer(REMOTE_SCREEN_OFFER));
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
    expect(h.pc.signalingState).toBe('stable');
    expect(h.pc.log).toContain('SRD answer');
    expect(h.errors).toEqual([]);
  });

  it('the polite side rolls back, answers, then offers its change again', async () => {
    const h = await offering(true);
    const ownOffer = h.offers()[0];
    await h.peer.handleSignal(offer(REMOTE_SCREEN_OFFER));
    expect(h.pc.log.slice(0, 3)).toEqual(['rollback', 'SRD offer', 'SLD answer']);
    expect(h.answers()).toHaveLength(1);
    // The remote share is now received.
    expect(h.peer.remoteMedia.screen?.getVideoTracks()).toHaveLength(1);
    expect(h.media.at(-1)?.screen).toBe(h.peer.remoteMedia.screen);

    // Its own share was rolled back, so it offers again, after its answer.
    await vi.waitFor(() => expect(h.offers()).toHaveLength(2));
    const offers = h.offers();
    expect(h.signals.indexOf(offers[1])).toBeGreaterThan(h.signals.indexOf(h.answers()[0]));
    if (offers[1].type !== 'offer' || ownOffer.type !== 'offer') throw new Error('unreachable');
    const again = media(parse(offers[1].description.sdp));
    expect(again).toHaveLength(4);
    expect(again.filter((s) => s.direction === 'sendonly')).toEqual([
      { kind: 'video', mid: '4', direction: 'sendonly' },
    ]);
    await h.peer.handleSignal(answerTo(offers[1]));
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
    await vi.waitFor(() => expect(h.offers()).toHaveLength(1));
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
      await vi.waitFor(() => expect(video.sender.track).toBeNull());
      expect(video.sender.replaceTrack).toHaveBeenLastCalledWith(null);
      expect(video.direction).toBe('sendrecv');
      expect(audio.sender.track).toBe(h.tracks.mic);

      const camera = fakeTrack('video', 'camera');
      h.peer.setTrack('camera', camera);
      h.peer.setTrack('mic', null);
      await vi.waitFor(() => {
        expect(video.sender.track).toBe(camera);
        expect(audio.sender.track).toBeNull();
      });
      expect(audio.sender.replaceTrack).toHaveBeenLastCalledWith(null);

      // The swaps are done once their replaceTrack calls resolve; by then no
      // negotiationneeded fired, and no offer was begun.
      const swaps = [audio, video].flatMap((tx) => tx.sender.replaceTrack.mock.results);
      await Promise.all(swaps.map((result) => result.value));
      await h.pc.negotiationNeededChecked();
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
    await vi.waitFor(() => expect(h.offers()).toHaveLength(1));
    await h.peer.handleSignal(answerTo(h.offers()[0], false));
    const shareTx = h.pc.getTransceivers()[2];
    expect(shareTx.sender.track).toBe(screen);
    expect(shareTx.currentDirection).toBe('sendonly');

    h.peer.setTrack('screen', null);
    await vi.waitFor(() => expect(h.offers()).toHaveLength(2));
    expect(shareTx.direction).toBe('inactive');
    expect(shareTx.sender.replaceTrack).toHaveBeenLastCalledWith(null);
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
    expect(h.peer.remoteMedia.screen?.getVideoTracks()).toEqual([
      h.pc.getTransceivers()[2].receiver.track,
    ]);
    const camera = h.peer.remoteMedia.camera;
    await h.peer.handleSignal(
      offer([...CAMERA_OFFER, { kind: 'video', mid: '3', direction: 'inactive' }]),
    );
    expect(h.peer.remoteMedia.screen).toBeNull();
    expect(h.peer.remoteMedia.camera).toBe(camera);
    expect(h.errors).toEqual([]);
  });
});
