import type { MediaState, PeerInfo } from '../../lib/protocol';
import type { RoomControl } from './control';

export type Member = PeerInfo;

export type JoinResult = { ok: true; others: Member[] } | { ok: false; reason: 'full' };

/**
 * Who is in which room. Async so a shared (Redis) implementation can stand
 * behind the same interface; the in-memory one is the default.
 */
export interface RoomRegistry {
  /** Adds the member unless the room already holds `capacity` others; atomic. */
  join(roomId: string, member: Member, capacity: number): Promise<JoinResult>;
  /** Removes the member; returns it, or undefined when it was not there. Empty rooms are dropped. */
  leave(roomId: string, memberId: string): Promise<Member | undefined>;
  get(roomId: string, memberId: string): Promise<Member | undefined>;
  members(roomId: string): Promise<Member[]>;
  count(roomId: string): Promise<number>;
  setMedia(roomId: string, memberId: string, media: MediaState): Promise<void>;
  /** The room's host / lock / waiting-room state; null when it has none. */
  control(roomId: string): Promise<RoomControl | null>;
  /**
   * Replaces the room's control with `change(current)` (null deletes it),
   * atomically: across nodes `change` may run more than once, on fresh values.
   * Resolves to what was stored.
   */
  updateControl(
    roomId: string,
    change: (current: RoomControl | null) => RoomControl | null,
  ): Promise<RoomControl | null>;
  /** Deletes the control of a room nobody is in (atomic with joins); resolves to what it was. */
  dropControlIfEmpty(roomId: string): Promise<RoomControl | null>;
  /** Number of non-empty rooms and of members across them, for metrics. */
  stats(): Promise<{ rooms: number; members: number }>;
  close(): Promise<void>;
  /** False while a shared store is unreachable (for /healthz). */
  isReady?(): boolean;
}
