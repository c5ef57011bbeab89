import type { MediaState } from '../../../lib/protocol';
import type { RedisClient } from '../../ops/redis';
import type { RoomControl } from '../control';
import type { JoinResult, Member, RoomRegistry } from '../registry';
import { RedisKeys, seatEntry } from './keys';
import { CONTROL_CAS, CONTROL_DROP, JOIN, LEAVE, UPDATE } from './scripts';

/** A room's control outlives a crash of every node that held the room by at most this. */
const CONTROL_TTL_MS = 24 * 3600 * 1000;
/** Compare-and-set attempts before giving up (each one lost to another node's write). */
const CAS_ATTEMPTS = 20;

export interface RedisRegistryOptions {
  nodeId: string;
  prefix?: string;
}

/** A seat this node wrote: what it writes back after Redis lost its state. */
export interface HeldSeat {
  roomId: string;
  member: Member;
}

function decode(value: string): Member {
  return JSON.parse(value.slice(value.indexOf('|') + 1)) as Member;
}

export function asStrings(reply: unknown): string[] {
  return Array.isArray(reply) ? reply.map(String) : [];
}

/**
 * The room registry shared by every node, in Redis. Joins (with the capacity
 * check), leaves and updates are Lua scripts, so they are atomic across nodes;
 * each value is tagged with the node that wrote it, and each node indexes the
 * seats it holds (for the sweep of dead nodes, see heartbeat.ts). It also
 * remembers the seats it wrote, for restore.ts. No timers: NodeHeartbeat runs those.
 */
export class RedisRoomRegistry implements RoomRegistry {
  readonly keys: RedisKeys;
  private readonly held = new Map<string, HeldSeat>();

  constructor(
    readonly client: RedisClient,
    options: RedisRegistryOptions,
  ) {
    this.keys = new RedisKeys(options.nodeId, options.prefix);
  }

  get nodeId(): string {
    return this.keys.nodeId;
  }

  isReady(): boolean {
    return this.client.isReady;
  }

  private value(member: Member): string {
    return `${this.keys.nodeId}|${JSON.stringify(member)}`;
  }

  async join(roomId: string, member: Member, capacity: number): Promise<JoinResult> {
    const entry = seatEntry(roomId, member.id);
    const reply = await JOIN.run(this.client, {
      keys: [this.keys.room(roomId), this.keys.nodeMembers(), this.keys.rooms],
      arguments: [member.id, this.value(member), String(capacity), entry, roomId, this.keys.prefix],
    });
    if (reply === null) return { ok: false, reason: 'full' };
    this.held.set(entry, { roomId, member: { ...member } });
    const flat = asStrings(reply);
    const others: Member[] = [];
    for (let i = 1; i < flat.length; i += 2) others.push(decode(flat[i] ?? ''));
    others.sort((a, b) => a.joinedAt - b.joinedAt);
    return { ok: true, others };
  }

  async leave(roomId: string, memberId: string): Promise<Member | undefined> {
    const entry = seatEntry(roomId, memberId);
    this.held.delete(entry);
    const reply = await LEAVE.run(this.client, {
      keys: [this.keys.room(roomId), this.keys.rooms],
      arguments: [memberId, entry, this.keys.prefix, roomId],
    });
    return typeof reply === 'string' ? decode(reply) : undefined;
  }

  async get(roomId: string, memberId: string): Promise<Member | undefined> {
    const value = await this.client.hGet(this.keys.room(roomId), memberId);
    return typeof value === 'string' ? decode(value) : undefined;
  }

  async members(roomId: string): Promise<Member[]> {
    const all = await this.client.hGetAll(this.keys.room(roomId));
    return Object.values(all)
      .map((v) => decode(String(v)))
      .sort((a, b) => a.joinedAt - b.joinedAt);
  }

  async count(roomId: string): Promise<number> {
    return this.client.hLen(this.keys.room(roomId));
  }

  async setMedia(roomId: string, memberId: string, media: MediaState): Promise<void> {
    const current = await this.get(roomId, memberId);
    if (!current) return;
    const member = { ...current, media: { ...media } };
    const entry = seatEntry(roomId, memberId);
    const updated = await UPDATE.run(this.client, {
      keys: [this.keys.room(roomId), this.keys.nodeMembers()],
      arguments: [memberId, this.value(member), entry, this.keys.prefix],
    });
    if (updated === 1) this.held.set(entry, { roomId, member });
  }

  async control(roomId: string): Promise<RoomControl | null> {
    const value = await this.client.get(this.keys.control(roomId));
    return typeof value === 'string' ? (JSON.parse(value) as RoomControl) : null;
  }

  async updateControl(
    roomId: string,
    change: (current: RoomControl | null) => RoomControl | null,
  ): Promise<RoomControl | null> {
    const key = this.keys.control(roomId);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
      const raw = await this.client.get(key);
      const expected = typeof raw === 'string' ? raw : '';
      const next = change(expected ? (JSON.parse(expected) as RoomControl) : null);
      const written = await CONTROL_CAS.run(this.client, {
        keys: [key],
        arguments: [expected, next ? JSON.stringify(next) : '', String(CONTROL_TTL_MS)],
      });
      if (Number(written) === 1) return next;
    }
    throw new Error(`room control of ${roomId}: too many concurrent updates`);
  }

  async dropControlIfEmpty(roomId: string): Promise<RoomControl | null> {
    const reply = await CONTROL_DROP.run(this.client, {
      keys: [this.keys.room(roomId), this.keys.control(roomId)],
    });
    return typeof reply === 'string' ? (JSON.parse(reply) as RoomControl) : null;
  }

  async stats(): Promise<{ rooms: number; members: number }> {
    const rooms = asStrings(await this.client.sMembers(this.keys.rooms));
    const sizes = await Promise.all(rooms.map((id) => this.client.hLen(this.keys.room(id))));
    return {
      rooms: sizes.filter((n) => n > 0).length,
      members: sizes.reduce((a, b) => a + b, 0),
    };
  }

  /** The seats this node wrote and has not left, as a snapshot. */
  heldSeats(): HeldSeat[] {
    return [...this.held.values()].map(({ roomId, member }) => ({ roomId, member: { ...member } }));
  }

  /** Stops remembering a seat (its socket moved to another node) without touching Redis. */
  forget(roomId: string, memberId: string): void {
    this.held.delete(seatEntry(roomId, memberId));
  }

  /**
   * Closes the connection. Members stay in Redis until this node's heartbeat
   * expires, so clients of a draining node can resume elsewhere.
   */
  async close(): Promise<void> {
    this.held.clear();
    if (this.client.isOpen) {
      await this.client.close().catch(() => this.client.destroy());
    }
  }

  /** Drops the connection as a crash would: no cleanup at all (for tests). */
  destroy(): void {
    if (this.client.isOpen) this.client.destroy();
  }
}
