import type { MediaState } from '../../lib/protocol';
import type { RoomControl } from './control';
import type { JoinResult, Member, RoomRegistry } from './registry';

/** The registry of a single process: rooms in a Map, gone with the process. */
export class MemoryRoomRegistry implements RoomRegistry {
  private readonly rooms = new Map<string, Map<string, Member>>();
  private readonly controls = new Map<string, RoomControl>();

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

  async control(roomId: string): Promise<RoomControl | null> {
    return structuredClone(this.controls.get(roomId) ?? null);
  }

  async updateControl(
    roomId: string,
    change: (current: RoomControl | null) => RoomControl | null,
  ): Promise<RoomControl | null> {
    const next = change(structuredClone(this.controls.get(roomId) ?? null));
    if (next) this.controls.set(roomId, structuredClone(next));
    else this.controls.delete(roomId);
    return next;
  }

  async dropControlIfEmpty(roomId: string): Promise<RoomControl | null> {
    if (this.rooms.has(roomId)) return null;
    const control = this.controls.get(roomId) ?? null;
    this.controls.delete(roomId);
    return control;
  }

  async stats(): Promise<{ rooms: number; members: number }> {
    let members = 0;
    for (const room of this.rooms.values()) members += room.size;
    return { rooms: this.rooms.size, members };
  }

  async close(): Promise<void> {
    this.rooms.clear();
    this.controls.clear();
  }
}
