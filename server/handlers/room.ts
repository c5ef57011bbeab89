import { randomBytes } from 'node:crypto';
import {
  ErrorCode,
  mediaStateUpdateSchema,
  roomEnterSchema,
  roomPeekSchema,
  type LeaveReason,
  type RoomEntered,
} from '../../lib/protocol';
import {
  on,
  peerChannel,
  requireRoom,
  RequestError,
  roomChannel,
  type HandlerContext,
  type ParleySocket,
} from './context';

export function newParticipantId(): string {
  return randomBytes(12).toString('base64url');
}

/** Takes the socket out of its room and tells the others. Safe to call twice. */
export async function leaveRoom(
  ctx: HandlerContext,
  socket: ParleySocket,
  reason: LeaveReason,
): Promise<void> {
  const { roomId, participantId } = socket.data;
  if (!roomId || !participantId) return;
  socket.data.roomId = undefined;
  socket.data.participantId = undefined;
  socket.leave(roomChannel(roomId));
  socket.leave(peerChannel(participantId));
  const removed = await ctx.registry.leave(roomId, participantId);
  if (removed) {
    ctx.io.to(roomChannel(roomId)).emit('peer-left', { id: participantId, reason });
    ctx.log.info({ roomId, participantId, reason }, 'leave');
  }
}

export function registerRoomHandlers(ctx: HandlerContext, socket: ParleySocket): void {
  const { registry, config } = ctx;

  on(socket, ctx, 'room-enter', roomEnterSchema, async (payload): Promise<RoomEntered> => {
    if (socket.data.roomId || socket.data.entering) {
      throw new RequestError(ErrorCode.AlreadyInRoom, 'this connection is already in a room');
    }
    socket.data.entering = true;
    try {
      const member = {
        id: newParticipantId(),
        displayName: payload.displayName,
        media: payload.media,
        joinedAt: Date.now(),
      };
      const result = await registry.join(payload.roomId, member, config.maxParticipants);
      if (!result.ok) {
        throw new RequestError(
          ErrorCode.RoomFull,
          `this call is full (${config.maxParticipants} people)`,
        );
      }
      if (!socket.connected) {
        await registry.leave(payload.roomId, member.id);
        throw new RequestError(ErrorCode.NotInRoom, 'disconnected while entering');
      }
      socket.data.roomId = payload.roomId;
      socket.data.participantId = member.id;
      socket.join([roomChannel(payload.roomId), peerChannel(member.id)]);
      socket.to(roomChannel(payload.roomId)).emit('peer-joined', member);
      ctx.log.info({ roomId: payload.roomId, participantId: member.id }, 'enter');
      return {
        selfId: member.id,
        resumeToken: '',
        resumed: false,
        peers: result.others,
        iceServers: config.iceServers,
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

  on(socket, ctx, 'room-leave', null, async () => {
    requireRoom(socket);
    await leaveRoom(ctx, socket, 'left');
  });

  on(socket, ctx, 'media-state', mediaStateUpdateSchema, async (media) => {
    const { roomId, participantId } = requireRoom(socket);
    await registry.setMedia(roomId, participantId, media);
    socket.to(roomChannel(roomId)).emit('media-state', { from: participantId, media });
  });

  socket.on('disconnect', () => {
    leaveRoom(ctx, socket, 'disconnected').catch((err: unknown) =>
      ctx.log.error({ err: String(err) }, 'cleanup after disconnect failed'),
    );
  });
}
