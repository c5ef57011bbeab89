// Chat over the signaling server: validated, stamped by the server, relayed to
// the sender's own room only, rate-limited per socket, never stored.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LIMITS } from '@/lib/protocol';
import { CHAT_BURST } from '@/server/handlers/chat';
import { TokenBucket } from '@/lib/util/tokenBucket';
import {
  barrier,
  EventRecorder,
  expectRefused,
  newRoomId,
  once,
  pair,
  rawRequest,
  request,
  enter,
  startServer,
  type TestServer,
} from '../helpers';

let server: TestServer;

beforeEach(async () => {
  server = await startServer();
});

afterEach(async () => {
  expect(server.log.errors).toEqual([]);
  await server.close();
});

describe('chat', () => {
  test('a message reaches everyone in the room, sender included, stamped by the server', async () => {
    const { a, b, aId } = await pair(server);
    const atB = once(b, 'chat');
    const atA = once(a, 'chat');
    const before = Date.now();
    const res = await request(a, 'chat', { text: '  hello <b>there</b>  ' });
    expect(res.ok).toBe(true);
    const message = await atB;
    expect(message).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{8,}$/),
      from: aId,
      displayName: 'Alice',
      text: 'hello <b>there</b>',
      sentAt: expect.any(Number),
    });
    expect(message.sentAt).toBeGreaterThanOrEqual(before);
    expect(message.sentAt).toBeLessThanOrEqual(Date.now());
    expect(await atA).toEqual(message);
    if (res.ok) expect(res.message).toEqual(message);
  });

  test('the sender cannot choose its own from, name or time', async () => {
    const { a, b, aId } = await pair(server);
    const res = await rawRequest(a, 'chat', {
      text: 'hi',
      from: 'someone-else-123',
      displayName: 'Mallory',
    });
    expectRefused(res, 'bad-request');
    const atB = once(b, 'chat');
    await request(a, 'chat', { text: 'real' });
    expect(await atB).toMatchObject({ from: aId, displayName: 'Alice', text: 'real' });
  });

  test('another room hears nothing', async () => {
    const { a } = await pair(server);
    const outsider = await server.connect();
    await enter(outsider, newRoomId(), 'Eve');
    const recorder = new EventRecorder(outsider);
    await request(a, 'chat', { text: 'private' });
    await barrier(outsider);
    expect(recorder.of('chat')).toEqual([]);
  });

  test.each([
    ['empty text', { text: '' }],
    ['only spaces', { text: '   \n ' }],
    ['too long', { text: 'x'.repeat(LIMITS.chatMessage + 1) }],
    ['not a string', { text: 42 }],
    ['no payload', undefined],
  ])('refuses %s with bad-request', async (_, payload) => {
    const { a } = await pair(server);
    expectRefused(await rawRequest(a, 'chat', payload), 'bad-request');
  });

  test('exactly the limit is accepted', async () => {
    const { a, b } = await pair(server);
    const atB = once(b, 'chat');
    const text = 'y'.repeat(LIMITS.chatMessage);
    expect((await request(a, 'chat', { text })).ok).toBe(true);
    expect((await atB).text).toBe(text);
  });

  test('refuses a socket that is not in a room', async () => {
    const socket = await server.connect();
    expectRefused(await request(socket, 'chat', { text: 'hello?' }), 'not-in-room');
  });

  test(`a burst beyond ${CHAT_BURST} messages is rate-limited, per socket`, async () => {
    const { a, b } = await pair(server);
    const recorder = new EventRecorder(b);
    const results = await Promise.all(
      Array.from({ length: CHAT_BURST + 3 }, (_, i) => request(a, 'chat', { text: `m${i}` })),
    );
    const accepted = results.filter((r) => r.ok).length;
    // A refill of 1/s may let one more through while the burst is in flight.
    expect(accepted).toBeGreaterThanOrEqual(CHAT_BURST);
    expect(accepted).toBeLessThanOrEqual(CHAT_BURST + 1);
    for (const refused of results.filter((r) => !r.ok)) expectRefused(refused, 'rate-limited');
    await recorder.waitForCount('chat', accepted);
    // Bob has his own bucket.
    expect((await request(b, 'chat', { text: 'mine' })).ok).toBe(true);
  });

  test('messages are not stored: a late joiner sees none of the earlier ones', async () => {
    const { a, roomId } = await pair(server);
    await request(a, 'chat', { text: 'before you came' });
    const late = await server.connect();
    const recorder = new EventRecorder(late);
    await enter(late, roomId, 'Carol');
    await barrier(late);
    expect(recorder.of('chat')).toEqual([]);
  });
});

describe('TokenBucket', () => {
  test('allows a burst, then refills at the given rate', () => {
    let now = 0;
    const bucket = new TokenBucket(5, 1, () => now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now = 999;
    expect(bucket.take()).toBe(false);
    now = 1000;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now = 60_000;
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });
});
