import { Emitter } from '@/lib/util/emitter';
import type { Ack, RoomMode, SessionDescription, SfuSource, SfuStream } from '@/lib/protocol';
import { SeatGate } from './seatGate';
import type { ClientSocket } from './signalingClient';

export type SfuSignalingEvents = {
  /** The room moved to the SFU (it stays there until it empties). */
  mode: [mode: RoomMode];
  /** An offer for the subscriber connection; answer it with answer(), in order. */
  offer: [description: SessionDescription<'offer'>, streams: SfuStream[]];
  /** The SFU lost our connections (it restarted): publish again. */
  reset: [];
};

const ACK_TIMEOUT_MS = 15_000;

export class SfuSignalingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function unwrap<T extends object>(ack: Ack<T>): T {
  if (!ack.ok) throw new SfuSignalingError(ack.error.code, ack.error.message);
  return ack;
}

/** The SFU part of the signaling link: the VideoRoom requests the server relays for us. */
export class SfuSignaling extends Emitter<SfuSignalingEvents> {
  constructor(
    private readonly socket: ClientSocket,
    /** Requests wait for our seat after a blip (see SeatGate). */
    private readonly gate: SeatGate = SeatGate.seated(),
  ) {
    super();
    socket.on('room-mode', ({ mode }) => this.emit('mode', mode));
    socket.on('sfu-offer', ({ description, streams }) => this.emit('offer', description, streams));
    socket.on('sfu-reset', () => this.emit('reset'));
  }

  /** Publishes one of our streams with an offer (candidates inside); resolves with the answer. */
  async publish(
    source: SfuSource,
    description: SessionDescription<'offer'>,
  ): Promise<SessionDescription<'answer'>> {
    await this.gate.whenOpen(ACK_TIMEOUT_MS);
    const res = await this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('sfu-publish', { source, description });
    return unwrap(res).description;
  }

  async unpublish(source: SfuSource): Promise<void> {
    await this.gate.whenOpen(ACK_TIMEOUT_MS);
    unwrap(await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('sfu-unpublish', { source }));
  }

  /** The subscriber connection's answer to the latest offer. */
  async answer(description: SessionDescription<'answer'>): Promise<void> {
    await this.gate.whenOpen(ACK_TIMEOUT_MS);
    unwrap(await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('sfu-answer', { description }));
  }
}
