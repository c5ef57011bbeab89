import { newHostKey, secretHash } from '../ops/credentials';
import {
  addHost,
  dropKnock,
  handOver,
  isHost,
  publicChanged,
  publicState,
  type RoomControl,
} from '../rooms/control';
import type { HandlerContext } from './context';
import {
  knockChannel,
  peerChannel,
  roomChannel,
  type KickReason,
  type ParleyServer,
  type ParleySocket,
} from './socket';

/** Tells everyone in the room who the hosts are and whether it is locked, waiting, passcoded. */
export function broadcastState(ctx: HandlerContext, roomId: string, control: RoomControl | null) {
  ctx.io.to(roomChannel(roomId)).emit('room-state', publicState(control));
}

/** Sends the waiting list to every host of the room (nobody else sees knockers' names). */
export function sendKnocks(ctx: HandlerContext, roomId: string, control: RoomControl | null) {
  const hosts = control?.hosts ?? [];
  // io.to([]) would be everyone: only when there is a host to tell.
  if (hosts.length === 0) return;
  ctx.io.to(hosts.map(peerChannel)).emit('knocks', { knocks: control?.knocks ?? [] });
}

/**
 * Applies `change` to the room's control; when what people see changed, tells
 * the room. Resolves to the control before and after.
 */
export async function changeControl(
  ctx: HandlerContext,
  roomId: string,
  change: (current: RoomControl) => RoomControl,
): Promise<{ before: RoomControl | null; after: RoomControl | null }> {
  let before: RoomControl | null = null;
  const after = await ctx.registry.updateControl(roomId, (current) => {
    before = current;
    return current && change(current);
  });
  if (publicChanged(before, after)) broadcastState(ctx, roomId, after);
  return { before, after };
}

/**
 * Gives a seat host rights with a key of its own (sent only to that
 * participant's sockets), so they come back as host after a reload.
 */
export async function grantHost(ctx: HandlerContext, roomId: string, participantId: string) {
  const hostKey = newHostKey();
  const { after } = await changeControl(ctx, roomId, (c) =>
    addHost(c, participantId, secretHash(roomId, hostKey)),
  );
  ctx.io.to(peerChannel(participantId)).emit('host-key', { hostKey });
  sendKnocks(ctx, roomId, after);
  ctx.log.info({ roomId, participantId }, 'host granted');
}

/**
 * After a seat is gone (left, closed, removed, swept): a room nobody is in
 * loses its control (people still waiting are told the meeting is over);
 * otherwise, when no host is left, the person present longest becomes host.
 */
export async function afterLeave(ctx: HandlerContext, roomId: string): Promise<void> {
  const members = await ctx.registry.members(roomId);
  if (members.length === 0) {
    const dropped = await ctx.registry.dropControlIfEmpty(roomId);
    for (const knock of dropped?.knocks ?? []) {
      ctx.io.to(knockChannel(knock.id)).emit('meeting-ended');
    }
    return;
  }
  let promoted: string | null = null;
  const { after } = await changeControl(ctx, roomId, (c) => {
    const next = handOver(c, members);
    promoted = next.hosts.find((id) => !c.hosts.includes(id)) ?? null;
    return next;
  });
  if (promoted && isHost(after, promoted)) await grantHost(ctx, roomId, promoted);
}

/** A waiting socket gives up its knock (it closed, or it enters again). */
export async function cancelKnock(ctx: HandlerContext, socket: ParleySocket): Promise<void> {
  const knock = socket.data.knock;
  if (!knock) return;
  socket.data.knock = undefined;
  socket.leave(knockChannel(knock.knockId));
  let dropped = false;
  const after = await ctx.registry.updateControl(knock.roomId, (c) => {
    dropped = Boolean(c?.knocks.some((k) => k.id === knock.knockId));
    return c && dropKnock(c, knock.knockId);
  });
  if (dropped) sendKnocks(ctx, knock.roomId, after);
}

/** Takes a socket out of its seat's channels without closing it; returns the seat it had. */
export function detachSeat(socket: ParleySocket): { roomId: string; participantId: string } | null {
  const { roomId, participantId } = socket.data;
  if (!roomId || !participantId) return null;
  socket.data.roomId = undefined;
  socket.data.participantId = undefined;
  socket.leave(roomChannel(roomId));
  socket.leave(peerChannel(participantId));
  return { roomId, participantId };
}

/**
 * Closes the sockets of these participants that this node holds, telling
 * each client why first. Their seats are already gone from the registry.
 */
export function kickLocal(io: ParleyServer, participantIds: string[], reason: KickReason): void {
  const ids = new Set(participantIds);
  for (const socket of io.of('/').sockets.values()) {
    const id = socket.data.participantId;
    if (!id || !ids.has(id)) continue;
    detachSeat(socket);
    if (reason === 'removed') socket.emit('removed');
    else socket.emit('meeting-ended');
    socket.disconnect(true);
  }
}

/** kickLocal on every node: here at once, on the others through the Redis adapter. */
export function kick(ctx: HandlerContext, participantIds: string[], reason: KickReason): void {
  if (participantIds.length === 0) return;
  kickLocal(ctx.io, participantIds, reason);
  if (ctx.shared) ctx.io.serverSideEmit('kick', participantIds, reason);
}
