/**
 * Someone changes their media (or joins) while a newcomer's room-enter is
 * between its registry join and its socket joining the room channel: the
 * broadcast goes out without the newcomer, so the answer's `peers` must carry
 * the change (read again once the socket hears the room). Without that, the
 * newcomer showed a mic as off for as long as it stayed on (seen in the SFU
 * signals browser test).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Member } from '@/server/rooms';
import { MemoryRoomRegistry } from '@/server/rooms';
import {
  ALL_OFF,
  CAMERA_ON,
  enter,
  newRoomId,
  request,
  startServer,
  until,
  type TestServer,
} from '../helpers';

/** A registry that runs `between` right after a join is recorded, before the caller goes on. */
class PausingRegistry extends MemoryRoomRegistry {
  between: ((roomId: string, member: Member) => Promise<void>) | null = null;

  override async join(roomId: string, member: Member, capacity: number) {
    const result = await super.join(roomId, member, capacity);
    const between = this.between;
    this.between = null;
    if (between) await between(roomId, member);
    return result;
  }
}

let server: TestServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('room-enter and what happens meanwhile', () => {
  it("answers with the others' media as it is once the newcomer hears the room", async () => {
    const registry = new PausingRegistry();
    server = await startServer({ registry });
    const roomId = newRoomId();
    const ann = await server.connect();
    const annSeat = await enter(ann, roomId, 'Ann', ALL_OFF);
    // While Bob's entry is between the registry and the channel, Ann turns her camera and mic on.
    registry.between = async () => {
      expect((await request(ann, 'media-state', CAMERA_ON)).ok).toBe(true);
      await until(async () => (await registry.get(roomId, annSeat.selfId))?.media.camera === true);
    };
    const bob = await server.connect();
    const bobSeat = await enter(bob, roomId, 'Bob', ALL_OFF);
    expect(bobSeat.peers.find((p) => p.id === annSeat.selfId)?.media).toMatchObject(CAMERA_ON);
  });

  it('answers with someone who joined meanwhile', async () => {
    const registry = new PausingRegistry();
    server = await startServer({ registry });
    const roomId = newRoomId();
    const ann = await server.connect();
    await enter(ann, roomId, 'Ann');
    const cat = await server.connect();
    let catId = '';
    registry.between = async () => {
      catId = (await enter(cat, roomId, 'Cat')).selfId;
    };
    const bob = await server.connect();
    const bobSeat = await enter(bob, roomId, 'Bob');
    expect(bobSeat.peers.map((p) => p.displayName).sort()).toEqual(['Ann', 'Cat']);
    expect(bobSeat.peers.some((p) => p.id === catId)).toBe(true);
  });
});
