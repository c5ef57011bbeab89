// SfuCall starting over: a camera publication that sends no frames, or a
// connection that fails, makes the call publish and subscribe anew; a failure
// that comes soon after a restart (within the pause between restarts) still
// gets its restart, or nothing would ever restart the call. The relay (a socket answering the SFU
// requests) and the connections are stand-ins: only what SfuCall does with them
// is under test. Real browsers and Janus are in tests/e2e/sfu.test.ts.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SfuCall } from '@/lib/call/sfuCall';
import type { LocalMediaSnapshot } from '@/lib/media/localMedia';
import { SfuSignaling } from '@/lib/signaling/sfuSignaling';
import type { ClientSocket } from '@/lib/signaling/signalingClient';
import { createRoomStore, emptyLocalMedia } from '@/lib/store';
import { fakeTrack } from '@/tests/unit/support/fakePeerConnection';

/** Just what a publication's connection needs: two senders with frame counts and a state. */
class PublishingConnection extends EventTarget {
  connectionState: RTCPeerConnectionState = 'connected';
  iceGatheringState: RTCIceGatheringState = 'complete';
  localDescription: RTCSessionDescriptionInit | null = null;
  closed = false;
  /** framesSent of the video sender, as getStats reports it. */
  framesSent = 0;

  addTransceiver(trackOrKind: MediaStreamTrack | string) {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const sender = {
      track,
      replaceTrack: async (next: MediaStreamTrack | null) => void (sender.track = next),
      getStats: async () =>
        new Map([['out', { type: 'outbound-rtp', framesSent: this.framesSent }]]),
    };
    return { sender };
  }
  async setLocalDescription() {
    this.localDescription = { type: 'offer', sdp: 'v=0\r\n' };
  }
  async setRemoteDescription() {}
  getConfiguration() {
    return {};
  }
  setConfiguration() {}
  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }
  fail() {
    this.connectionState = 'failed';
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

/** The server side of the SFU events: answers publishes, counts unpublishes, can say reset. */
function relay() {
  const handlers = new Map<string, () => void>();
  const requests: string[] = [];
  const socket = {
    on: (event: string, handler: () => void) => handlers.set(event, handler),
    timeout: () => ({
      emitWithAck: async (event: string, payload: { source?: string }) => {
        requests.push(`${event} ${payload.source ?? ''}`.trim());
        if (event === 'sfu-publish') {
          return { ok: true, description: { type: 'answer', sdp: 'v=0\r\n' } };
        }
        return { ok: true };
      },
    }),
  };
  return {
    sfu: new SfuSignaling(socket as unknown as ClientSocket),
    requests,
    reset: () => handlers.get('sfu-reset')?.(),
  };
}

const local: LocalMediaSnapshot = {
  ...emptyLocalMedia,
  mic: fakeTrack('audio'),
  camera: { ...fakeTrack('video'), enabled: true } as MediaStreamTrack,
  micOn: true,
  cameraOn: true,
};

let connections: PublishingConnection[];
let call: SfuCall | null = null;

function startCall() {
  const server = relay();
  call = new SfuCall({
    store: createRoomStore('room'),
    sfu: server.sfu,
    rtcConfig: {},
    createConnection: () => {
      const pc = new PublishingConnection();
      connections.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
  });
  call.start(local);
  return server;
}

const publishes = (requests: string[]) => requests.filter((r) => r === 'sfu-publish camera');

beforeEach(() => {
  vi.useFakeTimers();
  connections = [];
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  call?.close();
  call = null;
  vi.useRealTimers();
  vi.restoreAllMocks();
});

it('still restarts a camera that stops sending frames', async () => {
  const server = startCall();
  await vi.advanceTimersByTimeAsync(0);
  connections[0]!.framesSent = 50;
  await vi.advanceTimersByTimeAsync(12_000);
  expect(server.requests).toContain('sfu-unpublish camera');
  expect(publishes(server.requests)).toHaveLength(2);
});

it('a connection that fails soon after a restart gets its restart when the pause is over', async () => {
  const server = startCall();
  await vi.advanceTimersByTimeAsync(0);
  connections[0]!.fail();
  await vi.advanceTimersByTimeAsync(0);
  expect(publishes(server.requests)).toHaveLength(2);
  // The new publication fails 1 s later: within the 5 s pause between restarts.
  await vi.advanceTimersByTimeAsync(1_000);
  connections[1]!.fail();
  await vi.advanceTimersByTimeAsync(0);
  expect(publishes(server.requests)).toHaveLength(2);
  await vi.advanceTimersByTimeAsync(4_000);
  expect(publishes(server.requests)).toHaveLength(3);
  expect(connections[1]!.closed).toBe(true);
});
