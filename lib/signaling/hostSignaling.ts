import type { Socket } from 'socket.io-client';
import { Emitter } from '@/lib/util/emitter';
import type {
  Ack,
  ClientToServerEvents,
  Knock,
  RoomControlState,
  ServerToClientEvents,
} from '@/lib/protocol';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type HostSignalingEvents = {
  'room-state': [RoomControlState];
  'host-key': [hostKey: string];
  knocks: [Knock[]];
  /** The waiting room's answer: an admission to enter with, or null when turned away. */
  'knock-result': [admission: string | null];
  /** The server closes this seat: a host removed us, or ended the meeting. */
  closed: [reason: 'removed' | 'meeting-ended'];
  'mute-request': [from: string];
  'camera-request': [from: string];
};

const ACK_TIMEOUT_MS = 10_000;

/** A refusal of a host request, with its protocol code. */
export class HostRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The host-control part of the signaling protocol: rights, waiting room, requests. */
export class HostSignaling extends Emitter<HostSignalingEvents> {
  constructor(private readonly socket: ClientSocket) {
    super();
    socket.on('room-state', (state) => this.emit('room-state', state));
    socket.on('host-key', ({ hostKey }) => this.emit('host-key', hostKey));
    socket.on('knocks', ({ knocks }) => this.emit('knocks', knocks));
    socket.on('knock-result', ({ admitted, admission }) =>
      this.emit('knock-result', admitted && admission ? admission : null),
    );
    socket.on('removed', () => this.emit('closed', 'removed'));
    socket.on('meeting-ended', () => this.emit('closed', 'meeting-ended'));
    socket.on('mute-request', ({ from }) => this.emit('mute-request', from));
    socket.on('camera-request', ({ from }) => this.emit('camera-request', from));
  }

  lock(locked: boolean): Promise<void> {
    return this.done(this.ask().emitWithAck('room-lock', { locked }));
  }

  waitingRoom(on: boolean): Promise<void> {
    return this.done(this.ask().emitWithAck('waiting-room', { on }));
  }

  /** Admits one knock, or everyone waiting without an id. */
  admit(id?: string): Promise<void> {
    return this.done(this.ask().emitWithAck('admit', id === undefined ? {} : { id }));
  }

  deny(id?: string): Promise<void> {
    return this.done(this.ask().emitWithAck('deny', id === undefined ? {} : { id }));
  }

  remove(id: string, lock = false): Promise<void> {
    return this.done(this.ask().emitWithAck('remove-participant', { id, lock }));
  }

  /** Asks one person, or everyone else without an id, to mute. */
  askMute(id?: string): Promise<void> {
    return this.done(this.ask().emitWithAck('ask-mute', id === undefined ? {} : { id }));
  }

  askCameraOff(id: string): Promise<void> {
    return this.done(this.ask().emitWithAck('ask-camera-off', { id }));
  }

  makeHost(id: string): Promise<void> {
    return this.done(this.ask().emitWithAck('make-host', { id }));
  }

  setPasscode(passcode: string | null): Promise<void> {
    return this.done(this.ask().emitWithAck('set-passcode', { passcode }));
  }

  endMeeting(): Promise<void> {
    return this.done(this.ask().emitWithAck('end-meeting'));
  }

  /** Drops every listener (the socket's own are removed with it). */
  dispose(): void {
    this.removeAllListeners();
  }

  private ask() {
    return this.socket.timeout(ACK_TIMEOUT_MS);
  }

  private async done(ack: Promise<Ack>): Promise<void> {
    const res = await ack;
    if (!res.ok) throw new HostRequestError(res.error.code, res.error.message);
  }
}
