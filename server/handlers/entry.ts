import { randomBytes } from 'node:crypto';
import { ErrorCode, HOST_LIMITS, type PayloadOf, type RoomWaiting } from '../../lib/protocol';
import { matchesHash, newHostKey, secretHash, verifyAdmission } from '../ops/credentials';
import {
  addHost,
  addKnock,
  emptyControl,
  handOver,
  isHost,
  publicChanged,
  publicState,
  useAdmission,
  type RoomControl,
} from '../rooms/control';
import type { Member } from '../rooms/registry';
import { RequestError, type HandlerContext } from './context';
import { socketAddress } from './middleware';
import { broadcastState, sendKnocks } from './roomControl';
import { knockChannel, peerChannel, type ParleySocket } from './socket';

type Enter = PayloadOf<'room-enter'>;

const MINUTE = 60_000;

/** What the gates decided about a new seat (not a resumed one). */
export interface Gate {
  /** The room was empty: this entry starts it. */
  first: boolean;
  /** Presented one of the room's host keys. */
  keyHost: boolean;
  /** Admitted from the waiting room with this knock id. */
  knockId: string | null;
  /** The waiting room is on: knock instead of sitting down. */
  wait: boolean;
}

/**
 * Counts a peek or an entry that found an empty room against the client's
 * address: enumeration produces these, people joining a call do not.
 */
export async function countMiss(ctx: HandlerContext, socket: ParleySocket, event: string) {
  if (!ctx.attempts) return;
  const ip = socketAddress(socket, ctx.config.trustProxy);
  const retry = await ctx.attempts.hit(`miss:${ip}`, ctx.config.limits.entriesPerMinute, MINUTE);
  if (retry) throw tooMany(event, retry);
}

/** Refuses every peek from an address past its misses (a refusal for empty rooms only would tell). */
export async function refuseBlockedPeek(ctx: HandlerContext, socket: ParleySocket) {
  if (!ctx.attempts) return;
  const ip = socketAddress(socket, ctx.config.trustProxy);
  const retry = await ctx.attempts.check(`miss:${ip}`, ctx.config.limits.entriesPerMinute);
  if (retry) throw tooMany('room-peek', retry);
}

function tooMany(event: string, retryAfterMs: number): RequestError {
  return new RequestError(
    ErrorCode.RateLimited,
    `${event}: too many attempts from this address, retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    retryAfterMs,
  );
}

/** Wrong passcodes are limited per address and per room; past either, nothing is compared. */
async function checkPasscode(
  ctx: HandlerContext,
  socket: ParleySocket,
  roomId: string,
  passcode: string | undefined,
  hash: string,
) {
  if (!passcode) throw new RequestError(ErrorCode.PasscodeRequired, 'this room needs a passcode');
  const { limits } = ctx.config;
  const ip = socketAddress(socket, ctx.config.trustProxy);
  const keys: [string, number][] = [
    [`pass-ip:${ip}`, limits.passcodeAttemptsPerMinute],
    [`pass-room:${roomId}`, limits.passcodeRoomAttemptsPerMinute],
  ];
  const attempts = ctx.attempts;
  if (attempts) {
    const waits = await Promise.all(keys.map(([key, limit]) => attempts.check(key, limit)));
    const retry = Math.max(...waits);
    if (retry) throw tooMany('room-enter', retry);
  }
  if (matchesHash(roomId, passcode, [hash])) return;
  if (attempts) await Promise.all(keys.map(([key, limit]) => attempts.hit(key, limit, MINUTE)));
  throw new RequestError(ErrorCode.PasscodeWrong, 'wrong passcode');
}

/**
 * Who may take a new seat: anyone in an empty room (counted as a miss); in a
 * room with people, a host key or an admission lets in; otherwise a removed
 * participant's token is refused, a lock refuses, a passcode is checked, and
 * the waiting room makes the entry a knock.
 */
export async function gateEntry(
  ctx: HandlerContext,
  socket: ParleySocket,
  payload: Enter,
  claimedId: string | null,
): Promise<Gate> {
  const { registry, config } = ctx;
  const { roomId } = payload;
  const gate: Gate = { first: false, keyHost: false, knockId: null, wait: false };
  if ((await registry.count(roomId)) === 0) {
    await countMiss(ctx, socket, 'room-enter');
    return { ...gate, first: true };
  }
  const control = await registry.control(roomId);
  if (!control) return gate;
  if (payload.hostKey && matchesHash(roomId, payload.hostKey, control.keyHashes)) {
    return { ...gate, keyHost: true };
  }
  const knockId = payload.admission
    ? verifyAdmission(config.sessionSecret, roomId, payload.admission)
    : null;
  if (knockId && control.admitted.includes(knockId)) return { ...gate, knockId };
  const closed = control.locked || control.waitingRoom;
  if (claimedId && closed && control.removed.includes(claimedId)) {
    throw new RequestError(ErrorCode.Removed, 'a host removed you from this room');
  }
  if (control.locked) throw new RequestError(ErrorCode.RoomLocked, 'this room is locked');
  if (control.passcodeHash) {
    await checkPasscode(ctx, socket, roomId, payload.passcode, control.passcodeHash);
  }
  return { ...gate, wait: control.waitingRoom };
}

/**
 * Puts the socket in the room's waiting room; hosts get the new list. Resolves
 * null when the waiting room went off meanwhile (the caller seats them instead).
 */
export async function knock(
  ctx: HandlerContext,
  socket: ParleySocket,
  payload: Enter,
): Promise<RoomWaiting | null> {
  const { roomId, displayName } = payload;
  const entry = { id: randomBytes(12).toString('base64url'), displayName, at: Date.now() };
  let full = false;
  const control = await ctx.registry.updateControl(roomId, (c) => {
    if (!c?.waitingRoom) return c;
    full = c.knocks.length >= HOST_LIMITS.knocks;
    return full ? c : addKnock(c, entry);
  });
  if (full) throw new RequestError(ErrorCode.RoomFull, 'too many people are waiting already');
  if (!control?.waitingRoom) return null;
  socket.data.knock = { roomId, knockId: entry.id };
  socket.join(knockChannel(entry.id));
  sendKnocks(ctx, roomId, control);
  ctx.log.info({ roomId, knockId: entry.id }, 'knock');
  return { waiting: true };
}

/**
 * The control after a new seat: the first person of an empty room starts a
 * fresh one as its host (with a key for a "New meeting" entry), a key holder
 * becomes host, an admission is used up, and a room without hosts gets one.
 * Resolves to the new host key, if one was made.
 */
export async function seatControl(
  ctx: HandlerContext,
  roomId: string,
  member: Member,
  others: Member[],
  gate: Gate,
  create: boolean,
): Promise<string | undefined> {
  const first = others.length === 0;
  const hostKey = first && create ? newHostKey() : undefined;
  let before: RoomControl | null = null;
  const after = await ctx.registry.updateControl(roomId, (current) => {
    before = current;
    if (first) {
      return addHost(emptyControl(), member.id, hostKey && secretHash(roomId, hostKey));
    }
    let next = current ?? emptyControl();
    if (gate.keyHost) next = addHost(next, member.id);
    if (gate.knockId) next = useAdmission(next, gate.knockId);
    return next.hosts.length ? next : handOver(next, [...others, member]);
  });
  announceControl(ctx, roomId, member.id, before, after);
  return hostKey;
}

/** After an entry: the room's state to the room (if it changed) or to the newcomer, knocks to a host. */
export function announceControl(
  ctx: HandlerContext,
  roomId: string,
  participantId: string,
  before: RoomControl | null,
  after: RoomControl | null,
) {
  if (publicChanged(before, after)) broadcastState(ctx, roomId, after);
  else ctx.io.to(peerChannel(participantId)).emit('room-state', publicState(after));
  if (isHost(after, participantId) && after?.knocks.length) {
    ctx.io.to(peerChannel(participantId)).emit('knocks', { knocks: after.knocks });
  }
}
