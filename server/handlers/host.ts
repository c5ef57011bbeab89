import { ErrorCode } from '../../lib/protocol';
import { createAdmission, secretHash } from '../ops/credentials';
import { answerKnocks, isHost, knocksFor, markRemoved, type RoomControl } from '../rooms/control';
import type { EventHandlers } from './bind';
import { requireRoom, RequestError, type HandlerContext } from './context';
import { changeControl, detachSeat, grantHost, kick, sendKnocks } from './roomControl';
import { knockChannel, peerChannel, roomChannel, type ParleySocket } from './socket';

type HostEvents =
  | 'room-lock'
  | 'waiting-room'
  | 'admit'
  | 'deny'
  | 'remove-participant'
  | 'ask-mute'
  | 'ask-camera-off'
  | 'make-host'
  | 'set-passcode'
  | 'end-meeting';

interface HostSeat {
  roomId: string;
  participantId: string;
  control: RoomControl;
}

/**
 * What hosts may do. Every event checks the sender's seat in the registry (host
 * rights live on the seat, not in anything the client claims): from a seat
 * without them, `not-host`.
 */
export function hostHandlers(
  ctx: HandlerContext,
  socket: ParleySocket,
): Pick<EventHandlers, HostEvents> {
  const { registry, io } = ctx;

  async function requireHost(event: string): Promise<HostSeat> {
    const seat = requireRoom(socket);
    const control = await registry.control(seat.roomId);
    if (!control || !isHost(control, seat.participantId)) {
      throw new RequestError(ErrorCode.NotHost, `${event}: only a host of this room may do this`);
    }
    return { ...seat, control };
  }

  async function requireOther(seat: HostSeat, id: string): Promise<void> {
    if (id === seat.participantId || !(await registry.get(seat.roomId, id))) {
      throw new RequestError(ErrorCode.UnknownPeer, 'no such other participant in your room');
    }
  }

  /** Admits (or turns away) the knocks with `id`, or all of them. */
  async function answer(seat: HostSeat, id: string | undefined, admitted: boolean) {
    const knocks = knocksFor(seat.control, id);
    if (id !== undefined && knocks.length === 0) {
      throw new RequestError(ErrorCode.UnknownPeer, 'nobody is waiting with that knock id');
    }
    const ids = knocks.map((k) => k.id);
    const { after } = await changeControl(ctx, seat.roomId, (c) => answerKnocks(c, ids, admitted));
    for (const knockId of ids) {
      const admission = admitted
        ? createAdmission(ctx.config.sessionSecret, seat.roomId, knockId)
        : undefined;
      io.to(knockChannel(knockId)).emit('knock-result', {
        admitted,
        ...(admission && { admission }),
      });
    }
    sendKnocks(ctx, seat.roomId, after);
    ctx.log.info({ roomId: seat.roomId, knocks: ids.length, admitted }, 'knocks answered');
  }

  return {
    async 'room-lock'({ locked }) {
      const seat = await requireHost('room-lock');
      await changeControl(ctx, seat.roomId, (c) => ({ ...c, locked }));
    },

    async 'waiting-room'({ on }) {
      const seat = await requireHost('waiting-room');
      const { after } = await changeControl(ctx, seat.roomId, (c) => ({ ...c, waitingRoom: on }));
      // Nobody is left waiting for a waiting room that is gone.
      if (!on && after?.knocks.length) await answer({ ...seat, control: after }, undefined, true);
    },

    async admit({ id }) {
      await answer(await requireHost('admit'), id, true);
    },

    async deny({ id }) {
      await answer(await requireHost('deny'), id, false);
    },

    async 'remove-participant'({ id, lock }) {
      const seat = await requireHost('remove-participant');
      await requireOther(seat, id);
      await registry.leave(seat.roomId, id);
      await changeControl(ctx, seat.roomId, (c) => markRemoved(c, id, lock === true));
      kick(ctx, [id], 'removed');
      io.to(roomChannel(seat.roomId)).emit('peer-left', { id, reason: 'removed' });
      ctx.log.info({ roomId: seat.roomId, participantId: id, by: seat.participantId }, 'removed');
    },

    async 'ask-mute'({ id }) {
      const seat = await requireHost('ask-mute');
      const request = { from: seat.participantId };
      if (id === undefined) {
        socket.to(roomChannel(seat.roomId)).emit('mute-request', request);
        return;
      }
      await requireOther(seat, id);
      io.to(peerChannel(id)).emit('mute-request', request);
    },

    async 'ask-camera-off'({ id }) {
      const seat = await requireHost('ask-camera-off');
      await requireOther(seat, id);
      io.to(peerChannel(id)).emit('camera-request', { from: seat.participantId });
    },

    async 'make-host'({ id }) {
      const seat = await requireHost('make-host');
      await requireOther(seat, id);
      if (!isHost(seat.control, id)) await grantHost(ctx, seat.roomId, id);
    },

    async 'set-passcode'({ passcode }) {
      const seat = await requireHost('set-passcode');
      const passcodeHash = passcode === null ? null : secretHash(seat.roomId, passcode);
      await changeControl(ctx, seat.roomId, (c) => ({ ...c, passcodeHash }));
    },

    async 'end-meeting'() {
      const seat = await requireHost('end-meeting');
      const members = await registry.members(seat.roomId);
      // This socket stays open for its ack; every other seat's sockets close.
      detachSeat(socket);
      kick(
        ctx,
        members.map((m) => m.id),
        'meeting-ended',
      );
      await Promise.all(members.map((m) => registry.leave(seat.roomId, m.id)));
      const dropped = await registry.dropControlIfEmpty(seat.roomId);
      for (const knock of dropped?.knocks ?? [])
        io.to(knockChannel(knock.id)).emit('meeting-ended');
      ctx.log.info({ roomId: seat.roomId, by: seat.participantId }, 'meeting ended');
    },
  };
}
