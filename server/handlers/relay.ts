import {
  ErrorCode,
  iceSchema,
  peerErrorSchema,
  sdpAnswerSchema,
  sdpOfferSchema,
} from '../../lib/protocol';
import {
  on,
  peerChannel,
  requireRoom,
  RequestError,
  type HandlerContext,
  type ParleySocket,
} from './context';

/**
 * Relays offer / answer / ice / peer-error to exactly one member of the sender's own room,
 * stamped with the sender's id (a client never chooses its own `from`).
 */
export function registerRelayHandlers(ctx: HandlerContext, socket: ParleySocket): void {
  async function target(to: string): Promise<{ from: string; to: string }> {
    const { roomId, participantId } = requireRoom(socket);
    if (to === participantId)
      throw new RequestError(ErrorCode.UnknownPeer, 'cannot signal yourself');
    if (!(await ctx.registry.get(roomId, to))) {
      throw new RequestError(ErrorCode.UnknownPeer, 'no such participant in your room');
    }
    return { from: participantId, to };
  }

  on(socket, ctx, 'sdp-offer', sdpOfferSchema, async ({ to, description }) => {
    const route = await target(to);
    ctx.io.to(peerChannel(to)).emit('sdp-offer', { ...route, description });
  });

  on(socket, ctx, 'sdp-answer', sdpAnswerSchema, async ({ to, description }) => {
    const route = await target(to);
    ctx.io.to(peerChannel(to)).emit('sdp-answer', { ...route, description });
  });

  on(socket, ctx, 'ice', iceSchema, async ({ to, candidate }) => {
    const route = await target(to);
    ctx.io.to(peerChannel(to)).emit('ice', { ...route, candidate });
  });

  on(socket, ctx, 'peer-error', peerErrorSchema, async ({ to, code }) => {
    const route = await target(to);
    ctx.io.to(peerChannel(to)).emit('peer-error', { ...route, code });
  });
}
