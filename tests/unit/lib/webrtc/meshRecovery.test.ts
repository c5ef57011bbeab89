// The Mesh when a connection does not come up: a refused offer is reported
// to its sender, who offers again; the deadline escalates to a new
// RTCPeerConnection and then to giving up; both ends learn it through
// peer-error codes, and Retry starts over (tests/unit/support's scripted
// RTCPeerConnection, told to refuse remote descriptions where a test needs it).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PeerErrorCode } from '@/lib/protocol';
import { Mesh } from '@/lib/webrtc/mesh';
import type { PeerSignal } from '@/lib/webrtc/peer';
import { FakeMediaStream, FakePeerConnection } from '@/tests/unit/support/fakePeerConnection';

const STEP = 1000;
let connections: FakePeerConnection[];
let sent: { to: string; signal: PeerSignal; by: number }[];
let told: { to: string; code: PeerErrorCode }[];
let unreachable: { id: string; value: boolean }[];

function mesh(): Mesh {
  const m = new Mesh({
    selfId: 'self-0000',
    rtcConfig: {},
    connectStepMs: STEP,
    adaptToRoomSize: false,
    createConnection: (config) => {
      const pc = new FakePeerConnection(config);
      connections.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
  });
  // Only the newest connection is open: it is the one sending.
  m.on('signal', (to, signal) => sent.push({ to, signal, by: connections.length }));
  m.on('peer-error', (to, code) => told.push({ to, code }));
  m.on('unreachable', (id, value) => unreachable.push({ id, value }));
  return m;
}

/** The offers sent, each named by the connection that made it: 'pc1', 'pc2', ... */
const offers = () => sent.flatMap((s) => (s.signal.type === 'offer' ? [`pc${s.by}`] : []));
const flush = () => vi.advanceTimersByTimeAsync(0);
const latest = () => connections[connections.length - 1];

beforeEach(() => {
  vi.useFakeTimers();
  connections = [];
  sent = [];
  told = [];
  unreachable = [];
  vi.stubGlobal('MediaStream', FakeMediaStream);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Mesh: a refused negotiation', () => {
  it('the member tells the offering side when its browser refuses the offer', async () => {
    const m = mesh();
    m.add('peer-aaaa', false);
    latest().refuseDescriptions = new Error('Failed to parse SessionDescription');
    m.handleSignal('peer-aaaa', {
      type: 'offer',
      description: { type: 'offer', sdp: 'v=0' },
    });
    await flush();
    expect(told).toEqual([{ to: 'peer-aaaa', code: 'negotiation-failed' }]);
    m.close();
  });

  it('the offering side sends the same offer again at once, on the same connection', async () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    await flush();
    expect(offers()).toEqual(['pc1']);
    m.handlePeerError('peer-aaaa', 'negotiation-failed');
    expect(offers()).toEqual(['pc1', 'pc1']);
    expect(connections).toHaveLength(1);
    m.close();
  });

  it('an answer our browser refuses makes us offer again ourselves', async () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    await flush();
    latest().refuseDescriptions = new Error('Failed to parse SessionDescription');
    m.handleSignal('peer-aaaa', {
      type: 'answer',
      description: { type: 'answer', sdp: 'v=0' },
    });
    await flush();
    expect(offers()).toEqual(['pc1', 'pc1']);
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
    expect(offers()).toEqual(['pc1', 'pc1']);
    await vi.advanceTimersByTimeAsync(STEP);
    expect(told).toEqual([{ to: 'peer-aaaa', code: 'connection-reset' }]);
    expect(connections.map((c) => c.connectionState)).toEqual(['closed', 'new']);
    // The reset goes out before the new connection's offer.
    expect(offers().at(-1)).toBe('pc2');
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
    latest().setConnectionState('connected');
    await vi.advanceTimersByTimeAsync(STEP * 10);
    expect(offers()).toEqual(['pc1']);
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
    expect(offers()).toEqual(['pc1']);
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
    expect(offers().at(-1)).toBe(`pc${connections.length}`);
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
