import { io, type Socket } from 'socket.io-client';
import { Emitter } from '@/lib/util/emitter';
import type {
  Ack,
  ChatMessage,
  ClientToServerEvents,
  IceServer,
  MediaState,
  PeerErrorCode,
  PeerInfo,
  RoomEnter,
  RoomEntered,
  RoomWaiting,
  ServerToClientEvents,
} from '@/lib/protocol';
import type { PeerSignal } from '@/lib/webrtc/peer';
import { HostSignaling } from './hostSignaling';
import { SeatGate } from './seatGate';
import { SfuSignaling } from './sfuSignaling';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type SignalingEvents = {
  'peer-joined': [PeerInfo];
  'peer-left': [id: string];
  signal: [from: string, signal: PeerSignal];
  'media-state': [from: string, media: MediaState];
  /** The other end of a connection says it is in trouble (see PeerErrorCode). */
  'peer-error': [from: string, code: PeerErrorCode];
  chat: [ChatMessage];
  /** The link to the server: up, or lost and trying again. */
  link: ['connected' | 'reconnecting'];
  /** A refusal of something we sent without waiting for its ack. */
  problem: [message: string];
};

export class SignalingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** With rate-limited: when the server takes the request again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const ACK_TIMEOUT_MS = 10_000;

/** What the call needs of a signaling link: the client below, or a test's stand-in (SFU part optional). */
export type Signaling = Omit<SignalingClient, 'socket' | 'sfu' | 'host'> & {
  readonly sfu?: SfuSignaling;
  readonly host?: HostSignaling;
};

/** The typed socket.io client of the signaling protocol. */
export class SignalingClient extends Emitter<SignalingEvents> {
  readonly socket: ClientSocket;
  /** Requests to the SFU, for rooms that moved there. */
  readonly sfu: SfuSignaling;
  /** Host controls, the waiting room, requests from hosts. */
  readonly host: HostSignaling;
  /** Room messages wait here while this connection holds no seat (see SeatGate). */
  private readonly gate = new SeatGate();

  constructor(url?: string, socket?: ClientSocket) {
    super();
    this.socket =
      socket ?? io(url ?? '', { transports: ['websocket', 'polling'], autoConnect: true });
    const s = this.socket;
    this.sfu = new SfuSignaling(s, this.gate);
    this.host = new HostSignaling(s);
    s.on('peer-joined', (peer) => this.emit('peer-joined', peer));
    s.on('peer-left', ({ id }) => this.emit('peer-left', id));
    s.on('sdp-offer', ({ from, description }) =>
      this.emit('signal', from, { type: 'offer', description }),
    );
    s.on('sdp-answer', ({ from, description }) =>
      this.emit('signal', from, { type: 'answer', description }),
    );
    s.on('ice', ({ from, candidate }) => this.emit('signal', from, { type: 'ice', candidate }));
    s.on('peer-error', ({ from, code }) => this.emit('peer-error', from, code));
    s.on('media-state', ({ from, media }) => this.emit('media-state', from, media));
    s.on('chat', (message) => this.emit('chat', message));
    s.on('protocol-error', ({ event, message }) => this.emit('problem', `${event}: ${message}`));
    s.on('connect', () => this.emit('link', 'connected'));
    s.on('disconnect', () => {
      this.gate.close();
      this.emit('link', 'reconnecting');
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** A seat, or (the room's waiting room is on) `{ waiting: true }`: wait for the host's answer. */
  async enter(payload: RoomEnter): Promise<RoomEntered | RoomWaiting> {
    const answer = unwrap(
      await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room-enter', payload),
    );
    if ('selfId' in answer) this.gate.open(answer.resumed);
    return answer;
  }

  async peek(roomId: string): Promise<{ count: number; capacity: number }> {
    return unwrap(await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room-peek', { roomId }));
  }

  async iceServers(): Promise<{ iceServers: IceServer[]; iceTtlSeconds: number | null }> {
    return unwrap(await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('ice-servers'));
  }

  send(to: string, signal: PeerSignal): void {
    this.gate.run(() => {
      if (signal.type === 'offer')
        this.socket.emit('sdp-offer', { to, description: signal.description });
      else if (signal.type === 'answer')
        this.socket.emit('sdp-answer', { to, description: signal.description });
      else this.socket.emit('ice', { to, candidate: signal.candidate });
    });
  }

  sendPeerError(to: string, code: PeerErrorCode): void {
    this.gate.run(() => this.socket.emit('peer-error', { to, code }));
  }

  sendMediaState(media: MediaState): void {
    this.gate.run(() => this.socket.emit('media-state', media));
  }

  /** Sends a chat message; resolves with the message as the server stamped it. */
  async sendChat(text: string): Promise<ChatMessage> {
    await this.gate.whenOpen(ACK_TIMEOUT_MS);
    return unwrap(await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat', { text })).message;
  }

  leave(): void {
    if (this.socket.connected) this.socket.emit('room-leave');
  }

  close(): void {
    this.host.dispose();
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.removeAllListeners();
  }
}

function unwrap<T extends object>(ack: Ack<T>): T {
  if (!ack.ok) {
    throw new SignalingError(ack.error.code, ack.error.message, ack.error.retryAfterMs);
  }
  return ack;
}
