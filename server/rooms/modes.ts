import type { RoomMode } from '../../lib/protocol';
import type { RedisClient } from '../ops/redis';

/**
 * Each room's transport (mesh or SFU), beside the room registry: memory in a
 * single process, Redis with several nodes, so a late joiner on any node
 * enters an SFU room directly. A room is a mesh until promoted; it goes back
 * to a mesh (clear) when it empties.
 */
export interface RoomModes {
  get(roomId: string): Promise<RoomMode>;
  /** Records that the room moved to the SFU; true only for the call that made the change. */
  promote(roomId: string): Promise<boolean>;
  clear(roomId: string): Promise<void>;
}

export class MemoryRoomModes implements RoomModes {
  private readonly sfu = new Set<string>();

  async get(roomId: string): Promise<RoomMode> {
    return this.sfu.has(roomId) ? 'sfu' : 'mesh';
  }

  async promote(roomId: string): Promise<boolean> {
    if (this.sfu.has(roomId)) return false;
    this.sfu.add(roomId);
    return true;
  }

  async clear(roomId: string): Promise<void> {
    this.sfu.delete(roomId);
  }
}

/** Room modes in Redis (`<prefix>mode:<roomId>`); SET NX makes one node the promoter. */
export class RedisRoomModes implements RoomModes {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix = 'parley:',
  ) {}

  private key(roomId: string): string {
    return `${this.prefix}mode:${roomId}`;
  }

  async get(roomId: string): Promise<RoomMode> {
    return (await this.client.get(this.key(roomId))) === 'sfu' ? 'sfu' : 'mesh';
  }

  async promote(roomId: string): Promise<boolean> {
    return (await this.client.set(this.key(roomId), 'sfu', { NX: true })) === 'OK';
  }

  async clear(roomId: string): Promise<void> {
    await this.client.del(this.key(roomId));
  }
}
