// The Mesh when a connection does not come up: a refused offer is reported
// to its sender, who offers again; the deadline escalates to a new
// RTCPeerConnection and then to giving up; both ends learn it through
// peer-error codes, and Retry starts over. A scripted fake RTCPeerConnection
// keeps the few JSEP states the Peer relies on and refuses any description
// whose SDP contains "BROKEN".
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PeerErrorCode } from '@/lib/protocol';
import { Mesh } from '@/lib/webrtc/mesh';
import type { PeerSignal } from '@/lib/webrtc/peer';

let made = 0;

class FakeConnection {
  readonly serial = ++made;
  connectionState: RTCPeerConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  onnegotiationneeded: (() => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  restarts = 0;
  private offers = 0;
  private readonly transceivers: object[] = [];

  addTransceiver(trackOrKind: string | MediaStreamTrack) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const tx = {
      mid: null,
      direction: 'sendrecv',
      currentDirection: null,
      sender: { replaceTrack: async () => undefined },
      receiver: { track: { kind } },
    };
    this.transceivers.push(tx);
    queueMicrotask(() => {
      if (this.signalingState === 'stable') this.onnegotiationneeded?.();
    });
    return tx;
  }
  getTransceivers() {
    return this.transceivers;
  }
  createDataChannel() {
    return Object.assign(new EventTarget(), {
      readyState: 'connecting',
      bufferedAmount: 0,
      bufferedAmountLowThreshold: 0,
      binaryType: 'blob',
      send() {},
      close() {},
    });
  }
  async setLocalDescription() {
    if (this.signalingState === 'stable' || this.signalingState === 'have-local-offer') {
      this.offers += 1;
      this.localDescription = { type: 'offer', sdp: `offer ${this.serial}.${this.offers}` };
      this.signalingState = 'have-local-offer';
    }
  }
  async setRemoteDescription(description: RTCSessionDescriptionInit) {
    if (description.sdp?.includes('BROKEN')) throw new Error('Failed to parse SessionDescription');
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
  }
  async addIceCandidate() {}
  restartIce() {
    this.restarts += 1;
    this.onnegotiationneeded?.();
  }
  getConfiguration() {
    return {};
  }
  setConfiguration() {}
  close() {
    this.connectionState = 'closed';
  }
  becomes(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }
}

const STEP = 1000;
let connections: FakeConnection[];
let sent: { to: string; signal: PeerSignal }[];
let told: { to: string; code: PeerErrorCode }[];
let unreachable: { id: string; value: boolean }[];

function mesh(): Mesh {
  const m = new Mesh({
    selfId: 'self-0000',
    rtcConfig: {},
    connectStepMs: STEP,
    adaptToRoomSize: false,
    createConnection: () => {
      const pc = new FakeConnection();
      connections.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
  });
  m.on('signal', (to, signal) => sent.push({ to, signal }));
  m.on('peer-error', (to, code) => told.push({ to, code }));
  m.on('unreachable', (id, value) => unreachable.push({ id, value }));
  return m;
}

const offers = () =>
  sent
    .filter((s) => s.signal.type === 'offer')
    .map((s) => s.signal.type === 'offer' && s.signal.description.sdp);
const flush = () => vi.advanceTimersByTimeAsync(0);
const latest = () => connections[connections.length - 1];

beforeEach(() => {
  vi.useFakeTimers();
  made = 0;
  connections = [];
  sent = [];
  told = [];
  unreachable = [];
  vi.stubGlobal(
    'MediaStream',
    class {
      constructor(readonly tracks: unknown[]) {}
      getAudioTracks() {
        return [];
      }
    },
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Mesh: a refused negotiation', () => {
  it('the member tells the offering side when its browser refuses the offer', async () => {
    const m = mesh();
    m.add('peer-aaaa', false);
    m.handleSignal('peer-aaaa', {
      type: 'offer',
      description: { type: 'offer', sdp: 'v=0 BROKEN' },
    });
    await flush();
    expect(told).toEqual([{ to: 'peer-aaaa', code: 'negotiation-failed' }]);
    m.close();
  });

  it('the offering side sends the same offer again at once, on the same connection', async () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    await flush();
    expect(offers()).toEqual(['offer 1.1']);
    m.handlePeerError('peer-aaaa', 'negotiation-failed');
    expect(offers()).toEqual(['offer 1.1', 'offer 1.1']);
    expect(connections).toHaveLength(1);
    m.close();
  });

  it('an answer our browser refuses makes us offer again ourselves', async () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    await flush();
    m.handleSignal('peer-aaaa', {
      type: 'answer',
      description: { type: 'answer', sdp: 'BROKEN' },
    });
    await flush();
    expect(offers()).toEqual(['offer 1.1', 'offer 1.1']);
    expect(told).toEqual([]);
    m.close();
  });
});

describe('Mesh: a connection that does not come up', () => {
  it('offers again, then makes a new connection, then gives up, telling the other side', async () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    await flush();
    await vi.advanceTimersByTimeAsync(STEP);
    expect(offers()).toEqual(['offer 1.1', 'offer 1.1']);
    await vi.advanceTimersByTimeAsync(STEP);
    expect(told).toEqual([{ to: 'peer-aaaa', code: 'connection-reset' }]);
    expect(connections.map((c) => c.connectionState)).toEqual(['closed', 'new']);
    // The reset goes out before the new connection's offer.
    expect(offers().at(-1)).toBe('offer 2.1');
    await vi.advanceTimersByTimeAsync(STEP);
    expect(told.at(-1)).toEqual({ to: 'peer-aaaa', code: 'connection-failed' });
    expect(unreachable.at(-1)).toEqual({ id: 'peer-aaaa', value: true });
    await vi.advanceTimersByTimeAsync(STEP * 10);
    expect(connections).toHaveLength(2);
    m.close();
  });

  it('a connection that comes up is left alone', async () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    await flush();
    latest().becomes('connected');
    await vi.advanceTimersByTimeAsync(STEP * 10);
    expect(offers()).toEqual(['offer 1.1']);
    expect(told).toEqual([]);
    expect(unreachable).toEqual([{ id: 'peer-aaaa', value: false }]);
    m.close();
  });

  it('the waiting side only gives up; it leaves new offers and connections to the offering side', async () => {
    const m = mesh();
    m.add('peer-aaaa', false);
    await vi.advanceTimersByTimeAsync(STEP * 3);
    expect(sent).toEqual([]);
    expect(connections).toHaveLength(1);
    expect(told).toEqual([{ to: 'peer-aaaa', code: 'connection-failed' }]);
    expect(unreachable).toEqual([{ id: 'peer-aaaa', value: true }]);
    m.close();
  });
});

describe('Mesh: what the other end tells us', () => {
  it('connection-reset: a fresh connection that waits for their offer', async () => {
    const m = mesh();
    m.add('peer-aaaa', false);
    m.handlePeerError('peer-aaaa', 'connection-reset');
    expect(connections.map((c) => c.connectionState)).toEqual(['closed', 'new']);
    await flush();
    expect(sent).toEqual([]);
    expect(m.get('peer-aaaa')?.initiator).toBe(false);
    m.close();
  });

  it('connection-failed: we show them as unreachable and stop trying', async () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    await flush();
    m.handlePeerError('peer-aaaa', 'connection-failed');
    expect(unreachable).toEqual([{ id: 'peer-aaaa', value: true }]);
    await vi.advanceTimersByTimeAsync(STEP * 10);
    expect(offers()).toEqual(['offer 1.1']);
    m.close();
  });

  it('signals from people we have no connection to are ignored', () => {
    const m = mesh();
    m.handlePeerError('peer-zzzz', 'connection-reset');
    expect(connections).toEqual([]);
    m.close();
  });
});

describe('Mesh: Retry', () => {
  it('on the offering side: a reset and a new offer', async () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    await vi.advanceTimersByTimeAsync(STEP * 3);
    told = [];
    unreachable = [];
    m.retry('peer-aaaa');
    await flush();
    expect(told).toEqual([{ to: 'peer-aaaa', code: 'connection-reset' }]);
    expect(unreachable).toEqual([{ id: 'peer-aaaa', value: false }]);
    expect(offers().at(-1)).toBe(`offer ${latest().serial}.1`);
    m.close();
  });

  it('on the waiting side: asks the other side, which resets', async () => {
    const waiting = mesh();
    waiting.add('peer-aaaa', false);
    waiting.retry('peer-aaaa');
    expect(told).toEqual([{ to: 'peer-aaaa', code: 'retry-request' }]);
    waiting.close();

    told = [];
    const offering = mesh();
    offering.add('peer-bbbb', true);
    await vi.advanceTimersByTimeAsync(STEP * 3);
    told = [];
    offering.handlePeerError('peer-bbbb', 'retry-request');
    expect(told).toEqual([{ to: 'peer-bbbb', code: 'connection-reset' }]);
    // A second request right after our own reset is already answered by it.
    offering.handlePeerError('peer-bbbb', 'retry-request');
    expect(told).toHaveLength(1);
    offering.close();
  });
});
