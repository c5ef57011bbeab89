import { randomBytes } from 'node:crypto';
import {
  ErrorCode,
  mediaStateUpdateSchema,
  roomEnterSchema,
  roomPeekSchema,
  type LeaveReason,
  type RoomEntered,
} from '../../lib/protocol';
import { createResumeToken, iceServersFor, verifyResumeToken } from '../credentials';
import type { Member } from '../rooms';
import {
  on,
  peerChannel,
  requireRoom,
  RequestError,
  roomChannel,
  type HandlerContext,
  type ParleySocket,
} from './context';

/**
 * A participant id that sorts by when it was made: 9 base-36 digits of the
 * clock, then 72 random bits. A newcomer's id is greater than every member's,
 * so the id-chosen polite side of each connection ("greater id is polite") is
 * the newcomer, whose transceivers survive a rollback. A member's first offer
 * is never the one rolled back: in Chromium 156 rolling back an answerer's
 * first offer stops its receivers for good (w3c/webrtc-pc#3081).
 */
export function newParticipantId(now = Date.now()): string {
  return now.toString(36).padStart(9, '0') + randomBytes(9).toString('base64url');
}

/** Removes a participant from the registry and tells the room, once. */
async function removeMember(
  ctx: HandlerContext,
  roomId: string,
  participantId: string,
  reason: LeaveReason,
) {
  const removed = await ctx.registry.leave(roomId, participantId);
  if (!removed) return;
  ctx.io.to(roomChannel(roomId)).emit('peer-left', { id: participantId, reason });
  ctx.log.info({ roomId, participantId, reason }, 'leave');
}

function detach(socket: ParleySocket): { roomId: string; participantId: string } | null {
  const { roomId, participantId } = socket.data;
  if (!roomId || !participantId) return null;
  socket.data.roomId = undefined;
  socket.data.participantId = undefined;
  socket.leave(roomChannel(roomId));
  socket.leave(peerChannel(participantId));
  return { roomId, participantId };
}

/** An explicit leave: the others are told at once. */
export async function leaveRoom(ctx: HandlerContext, socket: ParleySocket): Promise<void> {
  const seat = detach(socket);
  if (seat) await removeMember(ctx, seat.roomId, seat.participantId, 'left');
}

/** Per server, the pending grace timer of each participant whose socket closed. */
const graceTimers = new WeakMap<HandlerContext, Map<string, NodeJS.Timeout>>();

/**
 * A closed socket: the participant stays for `presenceGraceMs`, so a quick
 * reconnect with its resume token goes unnoticed; after that, unless another
 * socket (on any node) has taken the seat over, the others are told.
 * The grace counts from the participant's latest close: an earlier timer is replaced.
 * Even with no grace the check waits a tick, so a takeover (resume while the old
 * socket is still open) has joined the new socket before the check looks for it.
 */
function onDisconnect(ctx: HandlerContext, socket: ParleySocket): void {
  const seat = detach(socket);
  if (!seat) return;
  const expire = async () => {
    const holders = await ctx.io.in(peerChannel(seat.participantId)).fetchSockets();
    if (holders.length === 0)
      await removeMember(ctx, seat.roomId, seat.participantId, 'disconnected');
  };
  const fail = (err: unknown) =>
    ctx.log.error({ err: String(err) }, 'cleanup after disconnect failed');
  let timers = graceTimers.get(ctx);
  if (!timers) graceTimers.set(ctx, (timers = new Map()));
  clearTimeout(timers.get(seat.participantId));
  const timer = setTimeout(() => {
    if (timers.get(seat.participantId) === timer) timers.delete(seat.participantId);
    expire().catch(fail);
  }, ctx.config.presenceGraceMs);
  timer.unref();
  timers.set(seat.participantId, timer);
}

export function registerRoomHandlers(ctx: HandlerContext, socket: ParleySocket): void {
  const { registry, config } = ctx;

  on(socket, ctx, 'room-enter', roomEnterSchema, async (payload): Promise<RoomEntered> => {
    if (socket.data.roomId || socket.data.entering) {
      throw new RequestError(ErrorCode.AlreadyInRoom, 'this connection is already in a room');
    }
    socket.data.entering = true;
    try {
      const { roomId } = payload;
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
      if (existing) {
        // Same seat, new socket: nobody else sees a leave and a re-join.
        await registry.setMedia(roomId, member.id, member.media);
        others = (await registry.members(roomId)).filter((m) => m.id !== member.id);
      } else {
        const result = await registry.join(roomId, member, config.maxParticipants);
        if (!result.ok) {
          throw new RequestError(
            ErrorCode.RoomFull,
            `this call is full (${config.maxParticipants} people)`,
          );
        }
        others = result.others;
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
        socket
          .to(roomChannel(roomId))
          .emit('media-state', { from: member.id, media: member.media });
      } else {
        socket.to(roomChannel(roomId)).emit('peer-joined', member);
      }
      ctx.log.info({ roomId, participantId: member.id, resumed: Boolean(existing) }, 'enter');
      const ice = iceServersFor(config, member.id);
      return {
        selfId: member.id,
        resumeToken: createResumeToken(config.sessionSecret, roomId, member.id),
        resumed: Boolean(existing),
        peers: others,
        iceServers: ice.iceServers,
        iceTtlSeconds: ice.ttlSeconds,
        capacity: config.maxParticipants,
      };
    } finally {
      socket.data.entering = false;
    }
  });

  on(socket, ctx, 'room-peek', roomPeekSchema, async ({ roomId }) => ({
    count: await registry.count(roomId),
    capacity: config.maxParticipants,
  }));

  on(socket, ctx, 'ice-servers', null, async () => {
    const { participantId } = requireRoom(socket);
    const ice = iceServersFor(config, participantId);
    return { iceServers: ice.iceServers, iceTtlSeconds: ice.ttlSeconds };
  });

  on(socket, ctx, 'room-leave', null, async () => {
    requireRoom(socket);
    await leaveRoom(ctx, socket);
  });

  on(socket, ctx, 'media-state', mediaStateUpdateSchema, async (media) => {
    const { roomId, participantId } = requireRoom(socket);
    await registry.setMedia(roomId, participantId, media);
    socket.to(roomChannel(roomId)).emit('media-state', { from: participantId, media });
  });

  socket.on('disconnect', () => onDisconnect(ctx, socket));
}
