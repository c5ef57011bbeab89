// The shared room registry in Redis: Lua CRUD (registry), node heartbeat + sweep, restore after a Redis restart.
import { NodeHeartbeat, type HeartbeatOptions } from './heartbeat';
import { RedisRoomRegistry } from './registry';
import { restoreSeats } from './restore';

export { NodeHeartbeat, type HeartbeatHooks, type HeartbeatOptions } from './heartbeat';
export { RedisKeys, safeNodeId } from './keys';
export { LuaScript } from './lua';
export { RedisRoomRegistry, type HeldSeat, type RedisRegistryOptions } from './registry';
export { restoreSeats } from './restore';

/** What the Redis side needs from the application it serves. */
export interface NodeHooks {
  /** Whether a socket on this node holds the member now. */
  isLocal(memberId: string): boolean;
  /** This node's sweep removed a member of a dead node: the room must be told. */
  onSwept(roomId: string, memberId: string): void;
}

/**
 * The heartbeat of the node that owns `registry`: sweeps dead nodes (telling
 * `hooks.onSwept`) and, after a Redis restart, restores this node's seats.
 * Not started: call start() once the application is listening, stop() on shutdown.
 */
export function createHeartbeat(
  registry: RedisRoomRegistry,
  hooks: NodeHooks,
  options: HeartbeatOptions = {},
): NodeHeartbeat {
  return new NodeHeartbeat(
    registry.client,
    registry.keys,
    {
      onSwept: (roomId, memberId) => hooks.onSwept(roomId, memberId),
      onReconnected: () => restoreSeats(registry, (id) => hooks.isLocal(id)),
    },
    options,
  );
}
