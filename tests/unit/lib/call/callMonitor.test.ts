// CallMonitor writes who speaks (yourself apart from the others), each
// connection's quality and join/leave toasts into the store. Web Audio and
// the RTP receivers are scripted: only what the monitor makes of them is
// under test.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallMonitor } from '@/lib/call/callMonitor';
import type { PeerInfo } from '@/lib/protocol';
import { createRoomStore, emptyLocalMedia, type RoomStore } from '@/lib/store';
import { FakeMediaStream } from '@/tests/unit/support/fakePeerConnection';

/** The level every analyser reads: your microphone. */
let micLevel = 0;

class FakeAudioContext {
  state = 'running';
  createMediaStreamSource() {
    return { connect: () => undefined, disconnect: () => undefined };
  }
  createAnalyser() {
    return {
      fftSize: 0,
      getFloatTimeDomainData: (buffer: Float32Array) => buffer.fill(micLevel),
    };
  }
  close() {
    return Promise.resolve();
  }
}

const bob: PeerInfo = {
  id: 'bob-1111',
  displayName: 'Bob',
  media: { camera: true, mic: true, screen: false },
  joinedAt: 1,
};

let bobLevel = 0;
const bobVoice = {
  getSynchronizationSources: () => [{ audioLevel: bobLevel }],
} as unknown as RTCRtpReceiver;

const stats = (rtt: number) =>
  new Map([
    [
      'pair',
      {
        type: 'candidate-pair',
        state: 'succeeded',
        nominated: true,
        currentRoundTripTime: rtt,
      },
    ],
  ]) as unknown as RTCStatsReport;

let store: RoomStore;
let monitor: CallMonitor;
let rtt = 0.05;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal('MediaStream', FakeMediaStream);
  micLevel = 0;
  bobLevel = 0;
  rtt = 0.05;
  store = createRoomStore('r');
  const mic = { kind: 'audio', enabled: true, readyState: 'live' } as MediaStreamTrack;
  store.getState().setLocal({ ...emptyLocalMedia, mic, micOn: true });
  store.getState().setPhase('in-call');
  store.getState().addParticipant(bob);
  monitor = new CallMonitor(store, {
    connectionStats: async (id) => (id === bob.id ? stats(rtt) : null),
    voiceReceiver: (id) => (id === bob.id ? bobVoice : null),
  });
});

afterEach(() => {
  monitor.dispose();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('CallMonitor', () => {
  it('lights your own ring as selfSpeaking and the others by id', async () => {
    micLevel = 0.2;
    await vi.advanceTimersByTimeAsync(125);
    expect(store.getState().selfSpeaking).toBe(true);
    expect(store.getState().speaking[bob.id] ?? false).toBe(false);

    bobLevel = 0.5;
    await vi.advanceTimersByTimeAsync(125);
    expect(store.getState().speaking).toEqual({ [bob.id]: true });
    expect(Object.keys(store.getState().speaking)).not.toContain('');
  });

  it('your ring goes out when your mic does', async () => {
    micLevel = 0.2;
    await vi.advanceTimersByTimeAsync(125);
    expect(store.getState().selfSpeaking).toBe(true);
    store.getState().setLocal({ ...store.getState().local, micOn: false });
    await vi.advanceTimersByTimeAsync(125);
    expect(store.getState().selfSpeaking).toBe(false);
  });

  it('rates each connection every 2 s from its stats', async () => {
    await vi.advanceTimersByTimeAsync(2000);
    expect(store.getState().quality).toEqual({ [bob.id]: 'good' });
    rtt = 0.5;
    await vi.advanceTimersByTimeAsync(2000);
    expect(store.getState().quality).toEqual({ [bob.id]: 'poor' });
  });

  it('tells who joined and who left during the call', () => {
    const carol = { ...bob, id: 'carol-2222', displayName: 'Carol' };
    store.getState().addParticipant(carol);
    store.getState().removeParticipant(bob.id);
    expect(store.getState().toasts.map((t) => t.text)).toEqual(['Carol joined', 'Bob left']);
  });
});
