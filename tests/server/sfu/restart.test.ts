// Janus restarted under a running Parley: the wrapper says down, reconnects, says up,
// and rooms and seats can be made again (Janus keeps rooms in memory only).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JanusSfu } from '@/server/sfu';
import { JanusServer } from '../../support/janus';
import { waitFor } from '../../support/wait';
import { connectSfu, newRoomId } from './support';

let janus: JanusServer;
let sfu: JanusSfu;
const logged: string[] = [];
const log = {
  info: (_: object, msg?: string) => logged.push(msg ?? ''),
  warn: (_: object, msg?: string) => logged.push(msg ?? ''),
  error: (_: object, msg?: string) => logged.push(msg ?? ''),
};

beforeAll(async () => {
  janus = await JanusServer.start();
  sfu = await connectSfu(janus, log);
});

afterAll(async () => {
  await sfu?.close();
  await janus?.stop();
});

it('reports down and up across a Janus restart; ensureRoom and join work again', async () => {
  const events: string[] = [];
  sfu.on('down', () => events.push('down'));
  sfu.on('up', () => events.push('up'));
  const roomId = newRoomId();
  const before = await sfu.join({ roomId, participantId: 'p-a', display: 'A' });

  await janus.kill();
  await waitFor(() => events.includes('down'), 5_000, 'down after Janus died');
  expect(sfu.isUp).toBe(false);
  expect(before.isClosed).toBe(true);
  expect(sfu.participant(roomId, 'p-a')).toBeUndefined();
  await expect(sfu.ensureRoom(roomId)).rejects.toMatchObject({ code: 'unavailable' });

  await janus.spawn();
  await waitFor(() => events.includes('up'), 5_000, 'up after Janus came back');
  expect(events).toEqual(['down', 'up']);
  expect(await sfu.roomExists(roomId)).toBe(false);
  await sfu.ensureRoom(roomId);
  expect(await sfu.roomExists(roomId)).toBe(true);
  const after = await sfu.join({ roomId, participantId: 'p-a', display: 'A' });
  expect(after.publisher.feed).toBe('p-a');
  expect(await sfu.listParticipants(roomId)).toEqual([{ feed: 'p-a', publisher: false }]);
});

it('keeps trying while Janus stays down, and comes up when it returns', async () => {
  const downs: string[] = [];
  sfu.on('down', (reason) => downs.push(reason));
  await janus.kill();
  await waitFor(() => downs.length === 1, 5_000, 'down');
  const failures = () => logged.filter((msg) => msg === 'janus: connect failed').length;
  const before = failures();
  await waitFor(() => failures() >= before + 3, 5_000, 'three failed reconnects');
  expect(sfu.isUp).toBe(false);
  await janus.spawn();
  await sfu.whenUp(5_000);
  const roomId = newRoomId();
  await sfu.ensureRoom(roomId);
  expect(await sfu.roomExists(roomId)).toBe(true);
  expect(downs).toHaveLength(1);
});
