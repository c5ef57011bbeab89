import { randomBytes } from 'node:crypto';
import { ErrorCode, type ChatMessage } from '../../lib/protocol';
import { TokenBucket } from '@/lib/util/tokenBucket';
import type { EventHandlers } from './bind';
import { requireRoom, RequestError, type HandlerContext } from './context';
import { roomChannel, type ParleySocket } from './socket';

export const CHAT_BURST = 5;
export const CHAT_REFILL_PER_SECOND = 1;

/**
 * Chat: a validated text message goes to everyone in the sender's room, the
 * sender included, stamped with an id, the sender's id and name, and the
 * server's time. Nothing is stored; people who join later do not see it.
 */
export function chatHandlers(
  ctx: HandlerContext,
  socket: ParleySocket,
): Pick<EventHandlers, 'chat'> {
  const bucket = new TokenBucket(CHAT_BURST, CHAT_REFILL_PER_SECOND);

  return {
    async chat({ text }) {
      const { roomId, participantId } = requireRoom(socket);
      if (!bucket.take()) {
        throw new RequestError(ErrorCode.RateLimited, 'chat: too many messages, slow down');
      }
      const member = await ctx.registry.get(roomId, participantId);
      if (!member) throw new RequestError(ErrorCode.NotInRoom, 'enter a room first');
      const message: ChatMessage = {
        id: randomBytes(9).toString('base64url'),
        from: participantId,
        displayName: member.displayName,
        text,
        sentAt: Date.now(),
      };
      ctx.io.to(roomChannel(roomId)).emit('chat', message);
      return { message };
    },
  };
}
