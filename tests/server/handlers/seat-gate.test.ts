/**
 * The browser's SignalingClient across a blip, against the real server: what
 * the call sends while the link is down (ICE, media state, an SFU request)
 * waits until room-enter has resumed the seat, then reaches the others. Before
 * the gate, socket.io sent its buffer first on reconnect and the server
 * refused every message with "enter a room first" (seen with 8 pages on 2 cores).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomEntered } from '@/lib/protocol';
import { SignalingClient } from '@/lib/signaling/signalingClient';
import type { PeerSignal } from '@/lib/webrtc/peer';
import { ALL_OFF, CAMERA_ON, CANDIDATE, newRoomId, startServer, type TestServer } from '../helpers';

const WAIT_MS = 5000;

let server: TestServer | null = null;
const clients: SignalingClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = null;
});

function client(url: string): SignalingClient {
  const c = new SignalingClient(url);
  clients.push(c);
  return c;
}

function next<T>(subscribe: (resolve: (value: T) => void) => void, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
    subscribe((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Resolves when the client's link next becomes `state`. */
function link(c: SignalingClient, state: 'connected' | 'reconnecting'): Promise<void> {
  return next<void>(
    (done) =>
      c.on('link', (now) => {
        if (now === state) done();
      }),
    `the link ${state}`,
  );
}

async function seated(c: SignalingClient, roomId: string, name: string): Promise<RoomEntered> {
  const answer = await c.enter({ roomId, displayName: name, media: ALL_OFF });
  if (!('selfId' in answer)) throw new Error('expected a seat');
  return answer;
}

describe('SignalingClient across a blip', () => {
  it('holds what the call sends while the link is down and delivers it once the seat is resumed', async () => {
    server = await startServer({ config: { presenceGraceMs: 10_000 } });
    const roomId = newRoomId();
    const ann = client(server.url);
    const bob = client(server.url);
    const annSeat = await seated(ann, roomId, 'Ann');
    const bobSeat = await seated(bob, roomId, 'Bob');
    const problems: string[] = [];
    ann.on('problem', (message) => problems.push(message));

    // The transport drops (as on a network blip); socket.io reconnects by itself.
    const down = link(ann, 'reconnecting');
    ann.socket.io.engine.close();
    await down;
    // The call goes on sending while the link is down.
    ann.send(bobSeat.selfId, { type: 'ice', candidate: CANDIDATE });
    ann.sendMediaState(CAMERA_ON);

    const iceAtBob = next<[string, PeerSignal]>(
      (done) => bob.on('signal', (from, signal) => done([from, signal])),
      'the ICE candidate at Bob',
    );
    // The resume announces the media it carries (all off here); the held state follows it.
    const mediaAtBob = next<string>(
      (done) =>
        bob.on('media-state', (from, media) => {
          if (media.camera && media.mic) done(from);
        }),
      'the held media state at Bob',
    );
    // Back: RoomSession takes its seat again with the resume token.
    await link(ann, 'connected');
    const resumed = await ann.enter({
      roomId,
      displayName: 'Ann',
      media: ALL_OFF,
      resumeToken: annSeat.resumeToken,
    });
    expect('selfId' in resumed && resumed.resumed).toBe(true);

    const [from, signal] = await iceAtBob;
    expect(from).toBe(annSeat.selfId);
    expect(signal).toEqual({ type: 'ice', candidate: CANDIDATE });
    expect(await mediaAtBob).toBe(annSeat.selfId);
    expect(problems).toEqual([]);
  });

  it('drops what waited when the seat is new rather than resumed (the old connections are gone)', async () => {
    server = await startServer({ config: { presenceGraceMs: 0 } });
    const roomId = newRoomId();
    const ann = client(server.url);
    const bob = client(server.url);
    await seated(ann, roomId, 'Ann');
    const bobSeat = await seated(bob, roomId, 'Bob');
    const down = link(ann, 'reconnecting');
    ann.socket.io.engine.close();
    await down;
    ann.send(bobSeat.selfId, { type: 'ice', candidate: CANDIDATE });
    const signals: string[] = [];
    bob.on('signal', (from) => signals.push(from));
    await link(ann, 'connected');
    // No grace: the old seat is gone, so this is a new one.
    const fresh = await seated(ann, roomId, 'Ann');
    expect(fresh.resumed).toBe(false);
    // A message sent after the new seat arrives; the held one never does.
    ann.sendMediaState(CAMERA_ON);
    const [from] = await next<[string, unknown]>(
      (done) => bob.on('media-state', (f, media) => done([f, media])),
      'the media state at Bob',
    );
    expect(from).toBe(fresh.selfId);
    expect(signals).toEqual([]);
  });
});
