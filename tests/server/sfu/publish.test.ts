// Publishing with a real SDP offer (captured from Chromium 156: sendonly audio + video).
// Janus answers it even on loopback, but no media can flow here (Janus never gathers
// candidates on loopback), so a feed never becomes "publishing" and subscribing is
// proven by the browser tests inside a network namespace instead.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JanusSfu } from '@/server/sfu';
import { JanusServer } from '../../support/janus';
import { connectSfu, newRoomId } from './support';

const offer = {
  type: 'offer' as const,
  sdp: readFileSync(new URL('./fixtures/chromium-sendonly-offer.sdp', import.meta.url), 'utf8'),
};

let janus: JanusServer;
let sfu: JanusSfu;

beforeAll(async () => {
  janus = await JanusServer.start();
  sfu = await connectSfu(janus);
});

afterAll(async () => {
  await sfu?.close();
  await janus?.stop();
});

it("answers a publisher's offer with Janus's SDP answer (recvonly, same mids)", async () => {
  const roomId = newRoomId();
  const alice = await sfu.join({ roomId, participantId: 'p-alice', display: 'Alice' });
  const answer = await alice.publisher.publish(offer);
  expect(answer.type).toBe('answer');
  const sections = answer.sdp.split(/\r?\nm=/).slice(1);
  expect(sections.map((s) => s.split(' ')[0])).toEqual(['audio', 'video']);
  expect(sections.map((s) => /a=mid:(\S+)/.exec(s)?.[1])).toEqual(['0', '1']);
  for (const section of sections) expect(section).toContain('a=recvonly');
  expect(answer.sdp).toMatch(/a=rtpmap:\d+ opus\/48000/);
  expect(answer.sdp).toMatch(/a=rtpmap:\d+ VP8\/90000/);
  await sfu.destroyRoom(roomId);
});

it('refuses an answer where an offer belongs', async () => {
  const roomId = newRoomId();
  const bob = await sfu.join({ roomId, participantId: 'p-bob', display: 'Bob' });
  await expect(bob.publisher.publish({ type: 'answer', sdp: offer.sdp })).rejects.toMatchObject({
    code: 'janus',
  });
  expect((await bob.publisher.publish(offer)).type).toBe('answer');
  await sfu.destroyRoom(roomId);
});
