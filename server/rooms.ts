import type { MediaState, PeerInfo } from '../lib/protocol';

export type Member = PeerInfo;

export type JoinResult = { ok: true; others: Member[] } | { ok: false; reason: 'full' };

/** What a shared registry needs from the application it serves. */
export interface RegistryHooks {
  /** Whether a socket on this node holds the member now. */
  isLocal(memberId: string): boolean;
  /** This node's sweep removed a member of a dead node: the room must be told. */
  onSwept(roomId: string, memberId: string): void;
}

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
  /** Number of non-empty rooms and of members across them, for metrics. */
  stats(): Promise<{ rooms: number; members: number }>;
  close(): Promise<void>;
  /** Shared registries sweep dead nodes and restore state; they call back through these. */
  attach?(hooks: RegistryHooks): void;
  /** False while a shared store is unreachable (for /healthz). */
  isReady?(): boolean;
}

export class MemoryRoomRegistry implements RoomRegistry {
  private readonly rooms = new Map<string, Map<string, Member>>();

  async join(roomId: string, member: Member, capacity: number): Promise<JoinResult> {
    let room = this.rooms.get(roomId);
    const others = room ? [...room.values()].filter((m) => m.id !== member.id) : [];
    if (others.length >= capacity) return { ok: false, reason: 'full' };
    if (!room) {
      room = new Map();
      this.rooms.set(roomId, room);
    }
    room.set(member.id, { ...member });
    return { ok: true, others: others.map((m) => ({ ...m })) };
  }

  async leave(roomId: string, memberId: string): Promise<Member | undefined> {
    const room = this.rooms.get(roomId);
    const member = room?.get(memberId);
    if (!room || !member) return undefined;
    room.delete(memberId);
    if (room.size === 0) this.rooms.delete(roomId);
    return member;
  }

  async get(roomId: string, memberId: string): Promise<Member | undefined> {
    const member = this.rooms.get(roomId)?.get(memberId);
    return member && { ...member };
  }

  async members(roomId: string): Promise<Member[]> {
    return [...(this.rooms.get(roomId)?.values() ?? [])].map((m) => ({ ...m }));
  }

  async count(roomId: string): Promise<number> {
    return this.rooms.get(roomId)?.size ?? 0;
  }

  async setMedia(roomId: string, memberId: string, media: MediaState): Promise<void> {
    const member = this.rooms.get(roomId)?.get(memberId);
    if (member) member.media = { ...media };
  }

  async stats(): Promise<{ rooms: number; members: number }> {
    let members = 0;
    for (const room of this.rooms.values()) members += room.size;
    return { rooms: this.rooms.size, members };
  }

  async close(): Promise<void> {
    this.rooms.clear();
  }
}
