// RoomSession from the UI's side: join, the call, leave, rejoin, and a refused
// join, with a scripted signaling server (FakeSignaling) and the shared fake
// RTCPeerConnection. No real media: jsdom has no cameras, and the lobby's
// choices here are camera and mic off.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomSession } from '@/lib/call/roomSession';
import { emptyLocalMedia, type LocalMediaSnapshot } from '@/lib/media/localMedia';
import type { ChatMessage, MediaState, PeerInfo, RoomEnter, RoomEntered } from '@/lib/protocol';
import {
  SignalingError,
  type Signaling,
  type SignalingEvents,
} from '@/lib/signaling/signalingClient';
import { createRoomStore, type RoomStore } from '@/lib/store';
import { Emitter } from '@/lib/util/emitter';
import { personPinKey } from '@/lib/view/pinKey';
import type { PeerSignal } from '@/lib/webrtc/peer';
import { FakeMediaStream, FakePeerConnection } from '@/tests/unit/support/fakePeerConnection';

const ROOM = 'abcd-efgh-jkmn';
const SELF = 'self-0000';

/**
 * The signaling server as RoomSession sees it: every public method of
 * SignalingClient, answering room-enter with `entered` (or refusing with
 * `refusal`), and `serverSays` to play an event from the server.
 */
class FakeSignaling extends Emitter<SignalingEvents> implements Signaling {
  connected = true;
  entered: RoomEntered;
  refusal: Error | null = null;
  readonly entries: RoomEnter[] = [];
  readonly sent: { to: string; signal: PeerSignal }[] = [];
  readonly mediaStates: MediaState[] = [];
  left = false;
  closed = false;

  constructor(peers: PeerInfo[]) {
    super();
    this.entered = {
      selfId: SELF,
      resumeToken: 'token-1',
      resumed: false,
      peers,
      iceServers: [],
      iceTtlSeconds: null,
      capacity: 8,
    };
  }

  serverSays<E extends keyof SignalingEvents>(event: E, ...args: SignalingEvents[E]): void {
    this.emit(event, ...args);
  }

  async enter(payload: RoomEnter): Promise<RoomEntered> {
    this.entries.push(payload);
    duringEnter?.();
    if (this.refusal) throw this.refusal;
    return this.entered;
  }
  async peek() {
    return { count: this.entered.peers.length, capacity: this.entered.capacity };
  }
  async iceServers() {
    return { iceServers: [], iceTtlSeconds: null };
  }
  send(to: string, signal: PeerSignal): void {
    this.sent.push({ to, signal });
  }
  sendPeerError(): void {}
  sendMediaState(media: MediaState): void {
    this.mediaStates.push(media);
  }
  async sendChat(text: string): Promise<ChatMessage> {
    return { id: `m-${text}`, from: SELF, displayName: 'Me', text, sentAt: 1 };
  }
  leave(): void {
    this.left = true;
  }
  close(): void {
    this.closed = true;
    this.removeAllListeners();
  }
}

const bob: PeerInfo = {
  id: 'bob-1111',
  displayName: 'Bob',
  media: { camera: true, mic: true, screen: false },
  joinedAt: 1,
};

const chat = (id: string, text: string): ChatMessage => ({
  id,
  from: bob.id,
  displayName: 'Bob',
  text,
  sentAt: 2,
});

/** Runs while room-enter is on its way (the request sent, no answer yet). */
let duringEnter: (() => void) | null = null;
let store: RoomStore;
let servers: FakeSignaling[];
let connections: FakePeerConnection[];
let session: RoomSession;

/** A session whose every signaling link is a new FakeSignaling with `peers` in the room. */
function start(peers: PeerInfo[] = [bob], refusal: Error | null = null): RoomSession {
  store = createRoomStore(ROOM);
  session = new RoomSession({
    roomId: ROOM,
    store,
    createSignaling: () => {
      const server = new FakeSignaling(peers);
      server.refusal = refusal;
      servers.push(server);
      return server;
    },
    createConnection: (config) => {
      const pc = new FakePeerConnection(config);
      connections.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
  });
  return session;
}

const server = () => servers[servers.length - 1];

beforeEach(() => {
  servers = [];
  connections = [];
  window.localStorage.clear();
  vi.stubGlobal('MediaStream', FakeMediaStream);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  duringEnter = null;
  session.dispose();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('RoomSession', () => {
  it('joins: the call has the people already there, and we offer to them', async () => {
    start();
    await session.join('Ada');
    const state = store.getState();
    expect(state.phase).toBe('in-call');
    expect(state.selfId).toBe(SELF);
    expect(state.displayName).toBe('Ada');
    expect(Object.keys(state.participants)).toEqual([bob.id]);
    expect(server().entries).toEqual([
      expect.objectContaining({ roomId: ROOM, displayName: 'Ada' }),
    ]);
    expect(connections).toHaveLength(1);
    // The newcomer offers first.
    await vi.waitFor(() =>
      expect(server().sent).toContainEqual(
        expect.objectContaining({ to: bob.id, signal: expect.objectContaining({ type: 'offer' }) }),
      ),
    );
  });

  it('a mic that gets ready while room-enter is on its way is announced when the call starts', async () => {
    start([]);
    const effects = (session as unknown as { effects: { input(s: LocalMediaSnapshot): void } })
      .effects;
    const mic = { kind: 'audio', readyState: 'live', enabled: true } as MediaStreamTrack;
    duringEnter = () => effects.input({ ...emptyLocalMedia, mic, micOn: true });
    await session.join('Ada');
    expect(server().entries[0]!.media.mic).toBe(false);
    // Without this, the room would think our mic is off for good.
    expect(server().mediaStates).toEqual([expect.objectContaining({ mic: true })]);
  });

  it('shows what happens in the room: people joining and leaving, chat, media state', async () => {
    start([]);
    await session.join('Ada');
    server().serverSays('peer-joined', bob);
    expect(store.getState().participants[bob.id]?.displayName).toBe('Bob');
    server().serverSays('media-state', bob.id, { camera: false, mic: false, screen: false });
    expect(store.getState().participants[bob.id]?.media.mic).toBe(false);
    server().serverSays('chat', chat('m1', 'hello'));
    expect(store.getState().messages.map((m) => m.text)).toEqual(['hello']);
    expect(store.getState().unread).toBe(1);
    server().serverSays('peer-left', bob.id);
    expect(store.getState().participants).toEqual({});
  });

  it('leave ends the call and resets everything call-scoped; view choices stay', async () => {
    start();
    await session.join('Ada');
    server().serverSays('chat', chat('m1', 'hello'));
    const s = store.getState();
    s.togglePin(personPinKey(bob.id));
    s.setPanel('people');
    s.setSpeaking(bob.id, true);
    s.setSelfSpeaking(true);
    s.setQuality(bob.id, 'poor');
    s.pushToast('Bob joined');
    s.setHand(bob.id, 5);
    s.toggleSelfView();
    s.setSpeakerId('speaker-2');
    const first = server();

    session.leave();

    const state = store.getState();
    expect(state.phase).toBe('left');
    expect(first.left).toBe(true);
    expect(first.closed).toBe(true);
    expect(connections[0].connectionState).toBe('closed');
    expect(state).toMatchObject({
      participants: {},
      messages: [],
      unread: 0,
      pinnedId: null,
      panel: null,
      speaking: {},
      selfSpeaking: false,
      quality: {},
      toasts: [],
      hands: {},
      transfers: {},
      // Kept: this person's choices.
      selfViewHidden: true,
      speakerId: 'speaker-2',
      displayName: 'Ada',
    });
  });

  it('chat does not survive leave -> rejoin: back to the lobby, then a call with no old messages', async () => {
    start();
    await session.join('Ada');
    server().serverSays('chat', chat('m1', 'from the first call'));
    expect(store.getState().messages).toHaveLength(1);
    session.leave();

    session.rejoin();
    expect(store.getState().phase).toBe('lobby');
    expect(store.getState().messages).toEqual([]);
    // The lobby opens a new signaling link and asks who is in the room.
    await vi.waitFor(() => expect(store.getState().lobbyCount).toBe(1));
    expect(servers).toHaveLength(2);

    await session.join('Ada');
    expect(store.getState().phase).toBe('in-call');
    expect(store.getState().messages).toEqual([]);
    expect(store.getState().unread).toBe(0);
    expect(Object.keys(store.getState().participants)).toEqual([bob.id]);
    server().serverSays('chat', chat('m2', 'from the second call'));
    expect(store.getState().messages.map((m) => m.text)).toEqual(['from the second call']);
  });

  it('a refused join says why in words for people and stays out of the call', async () => {
    start([bob], new SignalingError('room-full', 'this room is full (8 people)'));
    await session.join('Ada');
    const state = store.getState();
    expect(state.phase).toBe('failed');
    expect(state.error).toMatch(/full/i);
    expect(state.participants).toEqual({});
    expect(connections).toHaveLength(0);
  });

  it('a server that cannot be reached is told as such, not as a raw error', async () => {
    start([bob], new Error('timeout'));
    await session.join('Ada');
    expect(store.getState().phase).toBe('failed');
    expect(store.getState().error).not.toMatch(/timeout/);
    expect(store.getState().error).toMatch(/server/i);
  });
});
