import { ErrorCode } from '../../lib/protocol';
import type { EventHandlers } from './bind';
import { requireRoom, RequestError, type HandlerContext } from './context';
import { peerChannel, type ParleySocket } from './socket';

type RelayEvents = 'sdp-offer' | 'sdp-answer' | 'ice' | 'peer-error';

/**
 * Relays offer / answer / ice / peer-error to exactly one member of the sender's own room,
 * stamped with the sender's id (a client never chooses its own `from`).
 */
export function relayHandlers(
  ctx: HandlerContext,
  socket: ParleySocket,
): Pick<EventHandlers, RelayEvents> {
  async function target(to: string): Promise<{ from: string; to: string }> {
    const { roomId, participantId } = requireRoom(socket);
    if (to === participantId)
      throw new RequestError(ErrorCode.UnknownPeer, 'cannot signal yourself');
    if (!(await ctx.registry.get(roomId, to))) {
      throw new RequestError(ErrorCode.UnknownPeer, 'no such participant in your room');
    }
    return { from: participantId, to };
  }

  return {
    async 'sdp-offer'({ to, description }) {
      const route = await target(to);
      ctx.io.to(peerChannel(to)).emit('sdp-offer', { ...route, description });
    },
    async 'sdp-answer'({ to, description }) {
      const route = await target(to);
      ctx.io.to(peerChannel(to)).emit('sdp-answer', { ...route, description });
    },
    async ice({ to, candidate }) {
      const route = await target(to);
      ctx.io.to(peerChannel(to)).emit('ice', { ...route, candidate });
    },
    async 'peer-error'({ to, code }) {
      const route = await target(to);
      ctx.io.to(peerChannel(to)).emit('peer-error', { ...route, code });
    },
  };
}
