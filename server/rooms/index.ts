// Rooms: who is in which room, behind one RoomRegistry interface (in memory, or shared in Redis).
export type { JoinResult, Member, RoomRegistry } from './registry';
export { MemoryRoomRegistry } from './memory';
