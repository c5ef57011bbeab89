// Participant ids sort by join time, so "the greater id is polite" makes the
// newcomer the polite side of every connection (see server/handlers/room.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { newParticipantId } from '@/server/handlers/participantId';
import { participantIdSchema } from '@/lib/protocol';
import { enter, newRoomId, startServer, type TestServer } from '../helpers';

describe('participant ids', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('are valid protocol ids that sort by the time they were made', () => {
    const times = [0, 1, 999, 1_700_000_000_000, 1_700_000_000_001, 4_102_444_800_000];
    const ids = times.map((t) => newParticipantId(t));
    for (const id of ids) expect(participantIdSchema.safeParse(id).success).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('made in the same millisecond still differ', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newParticipantId(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
  });

  it('a newcomer always has a greater id than everyone already in the room', async () => {
    server = await startServer();
    const roomId = newRoomId();
    const ids: string[] = [];
    for (const name of ['Ann', 'Bob', 'Cat', 'Dan']) {
      const socket = await server.connect();
      const { selfId, peers } = await enter(socket, roomId, name);
      for (const peer of peers) expect(selfId > peer.id).toBe(true);
      ids.push(selfId);
    }
    expect(ids).toHaveLength(4);
  });
});
