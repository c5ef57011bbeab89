import { ErrorCode, type PayloadOf, type RoomEntered, type RoomWaiting } from '../../lib/protocol';
import { createResumeToken, iceServersFor, verifyResumeToken } from '../ops/credentials';
import type { Member } from '../rooms/registry';
import type { EventHandlers } from './bind';
import { requireRoom, RequestError, type HandlerContext } from './context';
import {
  announceControl,
  countMiss,
  gateEntry,
  knock,
  refuseBlockedPeek,
  seatControl,
} from './entry';
import { newParticipantId } from './participantId';
import { leaveRoom } from './presence';
import { cancelKnock } from './roomControl';
import { peerChannel, roomChannel, type ParleySocket } from './socket';

type RoomEvents = 'room-enter' | 'room-peek' | 'ice-servers' | 'room-leave' | 'media-state';

/** Entering, peeking at and leaving a room; ICE servers and media state of a member. */
export function roomHandlers(
  ctx: HandlerContext,
  socket: ParleySocket,
): Pick<EventHandlers, RoomEvents> {
  const { registry, config } = ctx;

  async function enter(payload: PayloadOf<'room-enter'>): Promise<RoomEntered | RoomWaiting> {
    const { roomId } = payload;
    await cancelKnock(ctx, socket);
    const claimed = payload.resumeToken
      ? verifyResumeToken(config.sessionSecret, roomId, payload.resumeToken)
      : null;
    const member: Member = {
      id: claimed ?? newParticipantId(),
      displayName: payload.displayName,
      media: payload.media,
      joinedAt: Date.now(),
    };
    const existing = claimed ? await registry.get(roomId, claimed) : undefined;
    let others: Member[];
    let seat: { gate: Awaited<ReturnType<typeof gateEntry>> } | null = null;
    if (existing) {
      // Same seat, new socket: nobody else sees a leave and a re-join.
      await registry.setMedia(roomId, member.id, member.media);
      others = (await registry.members(roomId)).filter((m) => m.id !== member.id);
    } else {
      const gate = await gateEntry(ctx, socket, payload, claimed);
      if (gate.wait) {
        const waiting = await knock(ctx, socket, payload);
        if (waiting) return waiting;
      }
      const result = await registry.join(roomId, member, config.maxParticipants);
      if (!result.ok) {
        throw new RequestError(
          ErrorCode.RoomFull,
          `this call is full (${config.maxParticipants} people)`,
        );
      }
      others = result.others;
      seat = { gate };
    }
    if (!socket.connected) {
      if (!existing) await registry.leave(roomId, member.id);
      throw new RequestError(ErrorCode.NotInRoom, 'disconnected while entering');
    }
    // The old socket, wherever it is; not this one (the Redis adapter applies it here too, later).
    if (existing) ctx.io.in(peerChannel(member.id)).except(socket.id).disconnectSockets(true);
    socket.data.roomId = roomId;
    socket.data.participantId = member.id;
    socket.join([roomChannel(roomId), peerChannel(member.id)]);
    if (existing) {
      socket.to(roomChannel(roomId)).emit('media-state', { from: member.id, media: member.media });
    } else {
      socket.to(roomChannel(roomId)).emit('peer-joined', member);
    }
    const hostKey = seat
      ? await seatControl(ctx, roomId, member, others, seat.gate, payload.create === true)
      : await resumeControl(roomId, member.id);
    ctx.log.info({ roomId, participantId: member.id, resumed: Boolean(existing) }, 'enter');
    // With Janus: the join past MESH_MAX moves the room (everyone is told); late joiners get 'sfu'.
    const mode = ctx.sfu
      ? await ctx.sfu.entered(socket, roomId, others.length + 1, Boolean(existing))
      : undefined;
    const ice = iceServersFor(config, member.id);
    // Read again now that this socket hears the room: a media change or a
    // join between our registry join and the channel join went to the channel
    // without us, but it is in the registry.
    const peers = (await registry.members(roomId)).filter((m) => m.id !== member.id);
    return {
      selfId: member.id,
      resumeToken: createResumeToken(config.sessionSecret, roomId, member.id),
      resumed: Boolean(existing),
      peers,
      iceServers: ice.iceServers,
      iceTtlSeconds: ice.ttlSeconds,
      capacity: config.maxParticipants,
      ...(mode ? { mode } : {}),
      ...(hostKey ? { hostKey } : {}),
    };
  }

  async function resumeControl(roomId: string, participantId: string): Promise<undefined> {
    const control = await registry.control(roomId);
    announceControl(ctx, roomId, participantId, control, control);
    return undefined;
  }

  return {
    async 'room-enter'(payload) {
      if (socket.data.roomId || socket.data.entering) {
        throw new RequestError(ErrorCode.AlreadyInRoom, 'this connection is already in a room');
      }
      socket.data.entering = true;
      try {
        return await enter(payload);
      } finally {
        socket.data.entering = false;
      }
    },

    async 'room-peek'({ roomId }) {
      await refuseBlockedPeek(ctx, socket);
      const count = await registry.count(roomId);
      if (count === 0) await countMiss(ctx, socket, 'room-peek');
      return { count, capacity: config.maxParticipants };
    },

    async 'ice-servers'() {
      const { participantId } = requireRoom(socket);
      const ice = iceServersFor(config, participantId);
      return { iceServers: ice.iceServers, iceTtlSeconds: ice.ttlSeconds };
    },

    async 'room-leave'() {
      requireRoom(socket);
      await leaveRoom(ctx, socket);
    },

    async 'media-state'(media) {
      const { roomId, participantId } = requireRoom(socket);
      await registry.setMedia(roomId, participantId, media);
      socket.to(roomChannel(roomId)).emit('media-state', { from: participantId, media });
    },
  };
}
