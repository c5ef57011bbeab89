// The Mesh re-applies sender limits to every Peer as people come and go.
// The shared scripted RTCPeerConnection stands in for the browser's: only the
// senders' parameters are under test, not WebRTC itself.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { senderLimits } from '@/lib/webrtc/adaptation';
import { Mesh } from '@/lib/webrtc/mesh';
import {
  FakeMediaStream,
  FakePeerConnection,
  type FakeSender,
} from '@/tests/unit/support/fakePeerConnection';

const connections = new Map<string, FakePeerConnection>();

function mesh(adaptToRoomSize?: boolean): Mesh {
  let next = '';
  const m = new Mesh({
    selfId: 'self-0000',
    rtcConfig: {},
    adaptToRoomSize,
    createConnection: (config) => {
      const pc = new FakePeerConnection(config);
      connections.set(next, pc);
      return pc as unknown as RTCPeerConnection;
    },
  });
  const add = m.add.bind(m);
  m.add = (id, initiator) => {
    next = id;
    return add(id, initiator);
  };
  return m;
}

const sender = (id: string, kind: 'audio' | 'video') =>
  connections
    .get(id)
    ?.getTransceivers()
    .find((t) => t.kind === kind)?.sender as FakeSender;

beforeEach(() => {
  connections.clear();
  vi.stubGlobal('MediaStream', FakeMediaStream);
});
afterEach(() => vi.unstubAllGlobals());

describe('Mesh sender adaptation', () => {
  it('caps every camera sender for the room size as people join and leave', () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    expect(sender('peer-aaaa', 'video').params.encodings[0].maxBitrate).toBe(
      senderLimits(2, 'camera').maxBitrate,
    );
    m.add('peer-bbbb', true);
    m.add('peer-cccc', true);
    const four = senderLimits(4, 'camera');
    for (const id of ['peer-aaaa', 'peer-bbbb', 'peer-cccc']) {
      expect(sender(id, 'video').params.encodings[0]).toMatchObject({
        maxBitrate: four.maxBitrate,
        scaleResolutionDownBy: four.scaleResolutionDownBy,
        maxFramerate: four.maxFramerate,
      });
    }
    m.remove('peer-cccc');
    for (const id of ['peer-aaaa', 'peer-bbbb']) {
      expect(sender(id, 'video').params.encodings[0].maxBitrate).toBe(
        senderLimits(3, 'camera').maxBitrate,
      );
    }
    m.close();
  });

  it('gives audio high priority and never caps its bitrate', () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    m.add('peer-bbbb', true);
    const audio = sender('peer-aaaa', 'audio').params.encodings[0];
    expect(audio.priority).toBe('high');
    expect(audio.maxBitrate).toBeUndefined();
    m.close();
  });

  it('does not reconfigure a sender that already holds its limits', () => {
    const m = mesh();
    m.add('peer-aaaa', true);
    const video = sender('peer-aaaa', 'video');
    const calls = video.setCalls;
    m.get('peer-aaaa')?.applySenderLimits({
      camera: senderLimits(2, 'camera'),
      screen: senderLimits(2, 'screen'),
    });
    expect(video.setCalls).toBe(calls);
    m.close();
  });

  it('leaves the browser defaults alone when adaptation is off', () => {
    const m = mesh(false);
    m.add('peer-aaaa', true);
    m.add('peer-bbbb', true);
    for (const id of ['peer-aaaa', 'peer-bbbb']) {
      expect(sender(id, 'video').setCalls).toBe(0);
      expect(sender(id, 'audio').setCalls).toBe(0);
    }
    m.close();
  });
});
