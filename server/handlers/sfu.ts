import type { Jsep } from 'janode/plugins/videoroom';
import { ErrorCode, type RoomMode } from '../../lib/protocol';
import type { Logger } from '../ops/logger';
import type { RoomModes } from '../rooms/modes';
import type { RoomRegistry } from '../rooms/registry';
import { SfuError, type JanusSfu } from '../sfu';
import { SeatRelay, streamsOf } from '../sfu/seatRelay';
import type { EventHandlers } from './bind';
import { requireRoom, RequestError, type HandlerContext } from './context';
import { roomChannel, type ParleyServer, type ParleySocket } from './socket';

export interface SfuRoomsOptions {
  janus: JanusSfu;
  modes: RoomModes;
  /** Rooms stay a mesh up to this many people; one more moves the room to Janus. */
  meshMax: number;
}

/**
 * Rooms on Janus, as this node sees them: decides when a room moves (on the
 * join that makes it meshMax + 1), holds a SeatRelay per participant whose
 * socket is on this node, destroys the Janus room when the room empties, and
 * after a Janus restart tells its clients to publish again ('sfu-reset').
 */
export class SfuRooms {
  private readonly seats = new Map<string, { relay: SeatRelay; socket: ParleySocket }>();
  /** Sockets whose seats Janus lost while down: told 'sfu-reset' when it is back. */
  private readonly orphans = new Set<ParleySocket>();
  private readonly creating = new Map<string, Promise<SeatRelay>>();
  /** Seats whose Janus handles are being released (a new seat waits for that). */
  private readonly releasing = new Map<string, Promise<void>>();

  constructor(
    readonly options: SfuRoomsOptions,
    private readonly io: ParleyServer,
    private readonly registry: RoomRegistry,
    private readonly log: Logger,
  ) {
    options.janus.on('down', () => {
      for (const { relay, socket } of this.seats.values()) {
        relay.lost();
        this.orphans.add(socket);
      }
      this.seats.clear();
    });
    options.janus.on('up', () => {
      for (const socket of this.orphans) if (socket.connected) socket.emit('sfu-reset');
      this.orphans.clear();
    });
  }

  /**
   * The room's mode for someone who just entered it (`count` people now):
   * the first person resets it to a mesh; the join past meshMax promotes it
   * and tells everyone in the room.
   */
  async modeOnEnter(roomId: string, count: number): Promise<RoomMode> {
    const { modes, meshMax } = this.options;
    if (count <= 1) {
      await modes.clear(roomId);
      return 'mesh';
    }
    if ((await modes.get(roomId)) === 'sfu') return 'sfu';
    if (count <= meshMax) return 'mesh';
    if (await modes.promote(roomId)) {
      this.log.info({ roomId, count }, 'room moves to the SFU');
      this.io.to(roomChannel(roomId)).emit('room-mode', { mode: 'sfu' });
    }
    return 'sfu';
  }

  /**
   * The mode for someone who just took a seat (`resumed`: their old socket's
   * seat, with `count` people now). In an SFU room, a seat whose Janus
   * handles live on this node moves to the new socket (media never stopped);
   * otherwise the client is told to publish again ('sfu-reset', before the ack).
   */
  async entered(
    socket: ParleySocket,
    roomId: string,
    count: number,
    resumed: boolean,
  ): Promise<RoomMode> {
    const mode = resumed ? await this.mode(roomId) : await this.modeOnEnter(roomId, count);
    const participantId = socket.data.participantId;
    if (mode !== 'sfu' || !participantId) return mode;
    const held = this.seats.get(participantId);
    if (held && resumed) {
      held.socket = socket;
      held.relay.resendPending();
    } else {
      if (held) await this.release(participantId);
      socket.emit('sfu-reset');
    }
    return mode;
  }

  mode(roomId: string): Promise<RoomMode> {
    return this.options.modes.get(roomId);
  }

  /** This socket's seat in Janus, made on first use; only in a room that is on the SFU. */
  async relayFor(socket: ParleySocket): Promise<SeatRelay> {
    const { roomId, participantId } = requireRoom(socket);
    const held = this.seats.get(participantId);
    if (held && held.socket === socket) return held.relay;
    // Concurrent requests of one seat (camera and screen at once) share one relay.
    let creating = this.creating.get(participantId);
    if (!creating) {
      creating = this.createRelay(socket, roomId, participantId).finally(() => {
        if (this.creating.get(participantId) === creating) this.creating.delete(participantId);
      });
      this.creating.set(participantId, creating);
    }
    const relay = await creating;
    if (this.seats.get(participantId)?.socket !== socket) {
      throw new RequestError(ErrorCode.NotInRoom, 'this seat moved to another connection');
    }
    return relay;
  }

  private async createRelay(
    socket: ParleySocket,
    roomId: string,
    participantId: string,
  ): Promise<SeatRelay> {
    if ((await this.mode(roomId)) !== 'sfu') {
      throw new RequestError(ErrorCode.BadRequest, 'this room is not on the SFU');
    }
    // The seat's previous connection (a reconnect): its Janus handles go first, or the feed id is taken.
    await this.release(participantId);
    await this.releasing.get(participantId);
    const member = await this.registry.get(roomId, participantId);
    const relay = new SeatRelay({
      sfu: this.options.janus,
      roomId,
      participantId,
      display: member?.displayName ?? participantId,
      log: this.log,
      // To whichever connection holds the seat now (see entered()).
      sendOffer: (offer) =>
        this.seats.get(participantId)?.socket.emit('sfu-offer', {
          description: { type: 'offer', sdp: offer.jsep.sdp },
          streams: streamsOf(offer),
        }),
    });
    this.seats.set(participantId, { relay, socket });
    return relay;
  }

  /** The seat of a closed socket or of someone who left: released in Janus. */
  async release(participantId: string, socket?: ParleySocket): Promise<void> {
    const held = this.seats.get(participantId);
    if (!held || (socket && held.socket !== socket)) return;
    this.seats.delete(participantId);
    const closing = held.relay.close().finally(() => {
      if (this.releasing.get(participantId) === closing) this.releasing.delete(participantId);
    });
    this.releasing.set(participantId, closing);
    await closing;
  }

  /** A socket closed: its seat's media leaves Janus (a resumed client publishes again). */
  async releaseSocket(socket: ParleySocket): Promise<void> {
    for (const [id, held] of this.seats) {
      if (held.socket === socket) await this.release(id, socket);
    }
  }

  /** Someone left the room for good: their seat goes, and an empty room leaves Janus. */
  async memberLeft(roomId: string, participantId: string): Promise<void> {
    await this.release(participantId);
    if ((await this.registry.count(roomId)) > 0) return;
    if ((await this.mode(roomId)) !== 'sfu') return;
    await this.options.modes.clear(roomId);
    await this.options.janus.destroyRoom(roomId).catch((err: unknown) => {
      this.log.warn({ roomId, err: String(err) }, 'sfu: destroying the room failed');
    });
    this.log.info({ roomId }, 'sfu room emptied');
  }
}

/** A Janus failure as the client hears it. */
async function viaJanus<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (err instanceof SfuError) {
      throw new RequestError(ErrorCode.Internal, `sfu: ${err.code}: ${err.message}`);
    }
    throw err;
  }
}

type SfuEvents = 'sfu-publish' | 'sfu-unpublish' | 'sfu-answer';

/** The VideoRoom requests a browser may make, relayed for its own seat only. */
export function sfuHandlers(
  ctx: HandlerContext,
  socket: ParleySocket,
): Pick<EventHandlers, SfuEvents> {
  const rooms = () => {
    if (!ctx.sfu) throw new RequestError(ErrorCode.BadRequest, 'this server has no SFU');
    return ctx.sfu;
  };
  const sfu = ctx.sfu;
  // A closed socket keeps its seat in Janus through the presence grace (media
  // does not need the socket): a resume on this node takes it over, else it goes.
  if (sfu) {
    socket.on('disconnect', () => {
      const timer = setTimeout(
        () => void sfu.releaseSocket(socket),
        ctx.config.presenceGraceMs + 2_000,
      );
      timer.unref();
    });
  }
  return {
    async 'sfu-publish'({ source, description }) {
      const relay = await rooms().relayFor(socket);
      const answer = await viaJanus(() => relay.publish(source, description as Jsep));
      return { description: { type: 'answer', sdp: answer.sdp } };
    },
    async 'sfu-unpublish'({ source }) {
      // The camera feed goes with the whole seat (subscriber too): the browser starts over.
      if (source === 'camera') return void (await rooms().releaseSocket(socket));
      const relay = await rooms().relayFor(socket);
      await viaJanus(() => relay.unpublish(source));
    },
    async 'sfu-answer'({ description }) {
      const relay = await rooms().relayFor(socket);
      await viaJanus(() => relay.answer(description as Jsep));
    },
  };
}
