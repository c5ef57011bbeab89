/** Redis registries on their own clients, closed after each test; members with unique ids. */
import type { Member } from '@/server/rooms';
import { newRedisClient, type RedisClient } from '@/server/ops/redis';
import { RedisRoomRegistry } from '@/server/rooms/redis';
import { CAMERA_ON } from '../../helpers';
import type { RedisServer } from '../../redis';

export class RegistryPool {
  private readonly open: { registry: RedisRoomRegistry; client: RedisClient }[] = [];
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly redis: RedisServer) {}

  async registry(nodeId: string): Promise<RedisRoomRegistry> {
    const client = newRedisClient(this.redis.url, false);
    client.on('error', () => {});
    await client.connect();
    const registry = new RedisRoomRegistry(client, { nodeId });
    this.open.push({ registry, client });
    return registry;
  }

  /** Runs `cleanup` (e.g. a heartbeat's stop) before the registries close. */
  onClose(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  async closeAll(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const { registry, client } of this.open.splice(0)) {
      await registry.close();
      if (client.isOpen) client.destroy();
    }
  }
}

let serial = 0;
export function member(name: string, media = CAMERA_ON): Member {
  serial += 1;
  return {
    id: `member-${serial}-${name}`,
    displayName: name,
    media,
    joinedAt: 1_700_000_000_000 + serial,
  };
}
