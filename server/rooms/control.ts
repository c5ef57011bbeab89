import type { Knock, RoomControlState } from '../../lib/protocol';
import type { Member } from './registry';

/**
 * Who may do what in one room: stored beside its members (in memory or in
 * Redis) for as long as anyone is in the room, dropped when the last one leaves.
 * Secrets are kept only as SHA-256 hashes. Changed only through pure functions
 * of the current value (applied atomically by the registry).
 */
export interface RoomControl {
  /** Participant ids whose seats have host rights. */
  hosts: string[];
  /** SHA-256 (hex) of every host key given out for this room, newest last. */
  keyHashes: string[];
  locked: boolean;
  waitingRoom: boolean;
  /** SHA-256 (hex) of the passcode; null: none. */
  passcodeHash: string | null;
  /** People waiting to be let in, in knock order. */
  knocks: Knock[];
  /** Knock ids a host admitted that have not taken their seat yet. */
  admitted: string[];
  /** Participant ids a host removed. */
  removed: string[];
}

const MAX_KEYS = 32;
const MAX_ADMITTED = 100;
const MAX_REMOVED = 200;

const keepLast = <T>(list: T[], max: number) => list.slice(Math.max(0, list.length - max));

export function emptyControl(): RoomControl {
  return {
    hosts: [],
    keyHashes: [],
    locked: false,
    waitingRoom: false,
    passcodeHash: null,
    knocks: [],
    admitted: [],
    removed: [],
  };
}

/** What everyone in the room may know. */
export function publicState(control: RoomControl | null): RoomControlState {
  const c = control ?? emptyControl();
  return {
    hosts: [...c.hosts],
    locked: c.locked,
    waitingRoom: c.waitingRoom,
    passcodeRequired: c.passcodeHash !== null,
  };
}

export function isHost(control: RoomControl | null, participantId: string): boolean {
  return Boolean(control?.hosts.includes(participantId));
}

export function addHost(c: RoomControl, participantId: string, keyHash?: string): RoomControl {
  return {
    ...c,
    hosts: c.hosts.includes(participantId) ? c.hosts : [...c.hosts, participantId],
    keyHashes: keyHash ? keepLast([...c.keyHashes, keyHash], MAX_KEYS) : c.keyHashes,
  };
}

/**
 * Hosts are only people still seated; when none is left, the one present
 * longest (first in `members`, which is in join order) becomes host.
 */
export function handOver(c: RoomControl, members: Member[]): RoomControl {
  const seated = new Set(members.map((m) => m.id));
  const hosts = c.hosts.filter((id) => seated.has(id));
  const oldest = [...members].sort(
    (a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id),
  )[0];
  if (hosts.length === 0 && oldest) hosts.push(oldest.id);
  return { ...c, hosts };
}

export function addKnock(c: RoomControl, knock: Knock): RoomControl {
  return { ...c, knocks: [...c.knocks.filter((k) => k.id !== knock.id), knock] };
}

export function dropKnock(c: RoomControl, knockId: string): RoomControl {
  return { ...c, knocks: c.knocks.filter((k) => k.id !== knockId) };
}

/** The knocks an answer is about: the one with `id`, or all of them. */
export function knocksFor(c: RoomControl | null, id: string | undefined): Knock[] {
  const knocks = c?.knocks ?? [];
  return id === undefined ? knocks : knocks.filter((k) => k.id === id);
}

/** Moves knocks from waiting to admitted (admitted: true) or drops them (denied). */
export function answerKnocks(c: RoomControl, ids: string[], admitted: boolean): RoomControl {
  const answered = new Set(ids);
  return {
    ...c,
    knocks: c.knocks.filter((k) => !answered.has(k.id)),
    admitted: admitted ? keepLast([...c.admitted, ...ids], MAX_ADMITTED) : c.admitted,
  };
}

export function useAdmission(c: RoomControl, knockId: string): RoomControl {
  return { ...c, admitted: c.admitted.filter((id) => id !== knockId) };
}

export function markRemoved(c: RoomControl, participantId: string, lock: boolean): RoomControl {
  return {
    ...c,
    hosts: c.hosts.filter((id) => id !== participantId),
    removed: keepLast(
      [...c.removed.filter((id) => id !== participantId), participantId],
      MAX_REMOVED,
    ),
    locked: c.locked || lock,
  };
}

/** Whether anything people in the room see (hosts, lock, waiting room, passcode) differs. */
export function publicChanged(a: RoomControl | null, b: RoomControl | null): boolean {
  return JSON.stringify(publicState(a)) !== JSON.stringify(publicState(b));
}
