import type { RedisRoomRegistry } from './registry';

/** Room capacity during a restore: a seat that was held is written back whatever the count. */
const RESTORE_CAPACITY = 1_000_000;

/**
 * After Redis restarted empty: writes back the seats this node still holds,
 * i.e. those whose socket is still here (`isLocal`); the others are forgotten.
 * Resolves to the number written back.
 */
export async function restoreSeats(
  registry: RedisRoomRegistry,
  isLocal: (memberId: string) => boolean,
): Promise<number> {
  let restored = 0;
  for (const { roomId, member } of registry.heldSeats()) {
    if (!isLocal(member.id)) {
      registry.forget(roomId, member.id);
      continue;
    }
    const result = await registry.join(roomId, member, RESTORE_CAPACITY);
    if (result.ok) restored += 1;
  }
  return restored;
}
