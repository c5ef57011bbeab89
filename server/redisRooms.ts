import type { MediaState } from '../lib/protocol';
import type { Logger } from './handlers/context';
import type { RedisClient } from './redis';
import { JOIN, LEAVE, SWEEP, UPDATE } from './redisScripts';
import type { JoinResult, Member, RegistryHooks, RoomRegistry } from './rooms';

export interface RedisRegistryOptions {
  nodeId: string;
  /** How often this node refreshes its heartbeat and sweeps dead nodes. */
  heartbeatMs?: number;
  /** A node whose heartbeat is older than this is dead; its members are removed. */
  nodeTtlMs?: number;
  prefix?: string;
  log?: Logger;
}

const RESTORE_CAPACITY = 1_000_000;

/** Node ids go into keys and values; keep them to a safe alphabet. */
export function safeNodeId(nodeId: string): string {
  return nodeId.replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 100) || 'node';
}

function decode(value: string): Member {
  return JSON.parse(value.slice(value.indexOf('|') + 1)) as Member;
}

function asStrings(reply: unknown): string[] {
  return Array.isArray(reply) ? reply.map(String) : [];
}

/**
 * The room registry shared by every node, in Redis. Joins (with the capacity
 * check), leaves and sweeps are Lua scripts, so they are atomic across nodes.
 * Each node keeps a heartbeat key alive (`nodeTtlMs`, refreshed every
 * `heartbeatMs`); every node sweeps the members of nodes whose key expired,
 * so a node that dies leaves no ghosts after at most nodeTtl + heartbeat.
 * After a Redis restart (state lost), each node writes back the members whose
 * sockets it still holds.
 */
export class RedisRoomRegistry implements RoomRegistry {
  readonly nodeId: string;
  private readonly prefix: string;
  private readonly heartbeatMs: number;
  private readonly nodeTtlMs: number;
  private readonly log: Logger | undefined;
  /** Members this node wrote, by index entry: what it restores after a Redis restart. */
  private readonly held = new Map<string, { roomId: string; member: Member }>();
  private hooks: RegistryHooks | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wasReady = false;
  private closed = false;

  constructor(
    private readonly client: RedisClient,
    options: RedisRegistryOptions,
  ) {
    this.nodeId = safeNodeId(options.nodeId);
    this.prefix = options.prefix ?? 'parley:';
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.nodeTtlMs = options.nodeTtlMs ?? 15_000;
    this.log = options.log;
    this.wasReady = client.isReady;
    client.on('ready', () => {
      const reconnected = this.wasReady;
      this.wasReady = true;
      if (reconnected) this.tick(true);
    });
    this.timer = setInterval(() => this.tick(false), this.heartbeatMs);
    this.timer.unref();
    this.tick(false);
  }

  attach(hooks: RegistryHooks): void {
    this.hooks = hooks;
  }

  isReady(): boolean {
    return this.client.isReady;
  }

  private roomKey(roomId: string): string {
    return `${this.prefix}room:${roomId}`;
  }

  private indexKey(nodeId = this.nodeId): string {
    return `${this.prefix}node-members:${nodeId}`;
  }

  private value(member: Member): string {
    return `${this.nodeId}|${JSON.stringify(member)}`;
  }

  async join(roomId: string, member: Member, capacity: number): Promise<JoinResult> {
    const entry = `${roomId} ${member.id}`;
    const reply = await this.client.eval(JOIN, {
      keys: [this.roomKey(roomId), this.indexKey(), `${this.prefix}rooms`],
      arguments: [member.id, this.value(member), String(capacity), entry, roomId, this.prefix],
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
    const entry = `${roomId} ${memberId}`;
    this.held.delete(entry);
    const reply = await this.client.eval(LEAVE, {
      keys: [this.roomKey(roomId), `${this.prefix}rooms`],
      arguments: [memberId, entry, this.prefix, roomId],
    });
    return typeof reply === 'string' ? decode(reply) : undefined;
  }

  async get(roomId: string, memberId: string): Promise<Member | undefined> {
    const value = await this.client.hGet(this.roomKey(roomId), memberId);
    return typeof value === 'string' ? decode(value) : undefined;
  }

  async members(roomId: string): Promise<Member[]> {
    const all = await this.client.hGetAll(this.roomKey(roomId));
    return Object.values(all)
      .map((v) => decode(String(v)))
      .sort((a, b) => a.joinedAt - b.joinedAt);
  }

  async count(roomId: string): Promise<number> {
    return this.client.hLen(this.roomKey(roomId));
  }

  async setMedia(roomId: string, memberId: string, media: MediaState): Promise<void> {
    const current = await this.get(roomId, memberId);
    if (!current) return;
    const member = { ...current, media: { ...media } };
    const entry = `${roomId} ${memberId}`;
    const updated = await this.client.eval(UPDATE, {
      keys: [this.roomKey(roomId), this.indexKey()],
      arguments: [memberId, this.value(member), entry, this.prefix],
    });
    if (updated === 1) this.held.set(entry, { roomId, member });
  }

  async stats(): Promise<{ rooms: number; members: number }> {
    const rooms = asStrings(await this.client.sMembers(`${this.prefix}rooms`));
    const sizes = await Promise.all(rooms.map((id) => this.client.hLen(this.roomKey(id))));
    return {
      rooms: sizes.filter((n) => n > 0).length,
      members: sizes.reduce((a, b) => a + b, 0),
    };
  }

  /** Refreshes this node's heartbeat, then removes the members of dead nodes. */
  async sweep(): Promise<{ roomId: string; memberId: string }[]> {
    await this.client.set(`${this.prefix}node:${this.nodeId}`, String(Date.now()), {
      expiration: { type: 'PX', value: this.nodeTtlMs },
    });
    await this.client.sAdd(`${this.prefix}nodes`, this.nodeId);
    const nodes = asStrings(await this.client.sMembers(`${this.prefix}nodes`));
    const removed: { roomId: string; memberId: string }[] = [];
    for (const node of nodes) {
      if (node === this.nodeId) continue;
      const entries = asStrings(await this.client.eval(SWEEP, { arguments: [this.prefix, node] }));
      for (const entry of entries) {
        const space = entry.indexOf(' ');
        const seat = { roomId: entry.slice(0, space), memberId: entry.slice(space + 1) };
        removed.push(seat);
        this.hooks?.onSwept(seat.roomId, seat.memberId);
      }
    }
    return removed;
  }

  /** Writes back the members this node still holds (after Redis lost its state). */
  async restore(): Promise<number> {
    let restored = 0;
    for (const [entry, { roomId, member }] of this.held) {
      if (this.hooks && !this.hooks.isLocal(member.id)) {
        this.held.delete(entry);
        continue;
      }
      const result = await this.join(roomId, member, RESTORE_CAPACITY);
      if (result.ok) restored += 1;
    }
    return restored;
  }

  private tick(restore: boolean): void {
    if (this.closed || !this.client.isReady) return;
    const run = async () => {
      await this.sweep();
      if (restore) {
        const restored = await this.restore();
        this.log?.info({ nodeId: this.nodeId, restored }, 'redis reconnected, members restored');
      }
    };
    run().catch((err: unknown) =>
      this.log?.warn({ nodeId: this.nodeId, err: String(err) }, 'registry heartbeat failed'),
    );
  }

  private stopTimer(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Stops heartbeats and closes the connection. Members stay in Redis until
   * the heartbeat expires, so clients of a draining node can resume elsewhere.
   */
  async close(): Promise<void> {
    this.stopTimer();
    this.held.clear();
    if (this.client.isOpen) {
      await this.client.close().catch(() => this.client.destroy());
    }
  }

  /** Stops dead, as a crash would: no cleanup at all (for tests). */
  destroy(): void {
    this.stopTimer();
    if (this.client.isOpen) this.client.destroy();
  }
}
