import type { Logger } from '../../ops/logger';
import type { RedisClient } from '../../ops/redis';
import { parseSeatEntry, type RedisKeys } from './keys';
import { asStrings } from './registry';
import { SWEEP } from './scripts';

export interface HeartbeatOptions {
  /** How often this node refreshes its heartbeat and sweeps dead nodes. */
  heartbeatMs?: number;
  /** A node whose heartbeat is older than this is dead; its members are removed. */
  nodeTtlMs?: number;
  log?: Logger;
}

export interface HeartbeatHooks {
  /** This node's sweep removed a member of a dead node: the room must be told. */
  onSwept(roomId: string, memberId: string): void;
  /** Redis is back after an outage (maybe empty); resolves to the seats written back. */
  onReconnected(): Promise<number>;
}

export interface SweptSeat {
  roomId: string;
  memberId: string;
}

/**
 * Keeps this node's heartbeat key alive (`nodeTtlMs`, refreshed every
 * `heartbeatMs`) and sweeps the members of nodes whose key expired, so a node
 * that dies leaves no ghosts after at most nodeTtl + heartbeat. Every live
 * node sweeps; the SWEEP script is atomic, so each removed member is reported
 * by exactly one. Runs between start() and stop().
 */
export class NodeHeartbeat {
  private readonly heartbeatMs: number;
  private readonly nodeTtlMs: number;
  private timer: NodeJS.Timeout | null = null;
  private wasReady = false;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly hooks: HeartbeatHooks,
    private readonly options: HeartbeatOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.nodeTtlMs = options.nodeTtlMs ?? 15_000;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer) return;
    this.wasReady = this.client.isReady;
    this.client.on('ready', this.onReady);
    this.timer = setInterval(() => this.tick(false), this.heartbeatMs);
    this.timer.unref();
    this.tick(false);
  }

  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.client.off('ready', this.onReady);
  }

  /** Refreshes this node's heartbeat, then removes the members of dead nodes. */
  async sweep(): Promise<SweptSeat[]> {
    const { client, keys } = this;
    await client.set(keys.node(), String(Date.now()), {
      expiration: { type: 'PX', value: this.nodeTtlMs },
    });
    await client.sAdd(keys.nodes, keys.nodeId);
    const nodes = asStrings(await client.sMembers(keys.nodes));
    const removed: SweptSeat[] = [];
    for (const node of nodes) {
      if (node === keys.nodeId) continue;
      const entries = asStrings(await SWEEP.run(client, { arguments: [keys.prefix, node] }));
      for (const entry of entries) {
        const seat = parseSeatEntry(entry);
        removed.push(seat);
        this.hooks.onSwept(seat.roomId, seat.memberId);
      }
    }
    return removed;
  }

  private readonly onReady = (): void => {
    const reconnected = this.wasReady;
    this.wasReady = true;
    if (reconnected) this.tick(true);
  };

  private tick(reconnected: boolean): void {
    if (!this.timer || !this.client.isReady) return;
    const { log } = this.options;
    const nodeId = this.keys.nodeId;
    const run = async () => {
      await this.sweep();
      if (reconnected) {
        const restored = await this.hooks.onReconnected();
        log?.info({ nodeId, restored }, 'redis reconnected, members restored');
      }
    };
    run().catch((err: unknown) =>
      log?.warn({ nodeId, err: String(err) }, 'registry heartbeat failed'),
    );
  }
}
