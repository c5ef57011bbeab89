import type { LeaveReason } from '../../lib/protocol';
import type { HandlerContext } from './context';
import { afterLeave, cancelKnock, detachSeat } from './roomControl';
import { peerChannel, roomChannel, type ParleySocket } from './socket';

/** Removes a participant from the registry and tells the room, once; then hands host rights on. */
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
  await ctx.sfu
    ?.memberLeft(roomId, participantId)
    .catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'sfu: leave failed'));
  await afterLeave(ctx, roomId);
}

const detach = detachSeat;

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
export function onDisconnect(ctx: HandlerContext, socket: ParleySocket): void {
  if (socket.data.knock) {
    cancelKnock(ctx, socket).catch((err: unknown) =>
      ctx.log.error({ err: String(err) }, 'dropping a knock failed'),
    );
  }
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
