/**
 * Property-based fuzzing (fast-check) of every client event: random and
 * adversarial payloads, from a stranger and from a room member. Each must be
 * answered with a well-formed ack (a coded refusal, or success when the
 * payload happens to be valid); the server never throws or logs an internal
 * failure; a call in another room keeps relaying throughout.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, LIMITS } from '@/lib/protocol';
import {
  CAMERA_ON,
  CANDIDATE,
  enter,
  guardProcess,
  newRoomId,
  OFFER_SDP,
  pair,
  rawRequest,
  relayOffer,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../helpers';

const RUNS = 200;
const CODES = new Set<string>(Object.values(ErrorCode));
const EVENTS = [
  'room-enter',
  'room-peek',
  'room-leave',
  'ice-servers',
  'sdp-offer',
  'sdp-answer',
  'ice',
  'peer-error',
  'media-state',
  'chat',
] as const;

let server: TestServer;
let guard: ReturnType<typeof guardProcess>;
let call: { a: ClientSocket; b: ClientSocket; aId: string; bId: string };
let member: ClientSocket;
let memberId: string;
let stranger: ClientSocket;

beforeAll(async () => {
  guard = guardProcess();
  server = await startServer();
  call = await pair(server);
  member = await server.connect();
  const other = await server.connect();
  const roomId = newRoomId();
  memberId = (await enter(member, roomId, 'Fuzzer')).selfId;
  await enter(other, roomId, 'Target');
  stranger = await server.connect();
});

afterAll(async () => {
  await server?.close();
  guard?.dispose();
});

const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    '__proto__',
    'constructor',
    'toString',
    '\u0000',
    '\u202e\u2066',
    'abcd-efgh-jkmn',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    'x'.repeat(LIMITS.sdp + 1),
    'v=0\r\n',
  ),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: false }),
  nastyString,
  fc.constantFrom(null, undefined, true, 0, -1, 1e308, Number.NaN, [], {}),
  fc.array(fc.constant(1), { maxLength: 3000 }),
);

/** A plausible payload for `event`, with fields replaced, added or dropped at random. */
function mutated(event: string, peer: string): fc.Arbitrary<unknown> {
  const base: Record<string, unknown> = {
    'room-enter': { roomId: newRoomId(), displayName: 'Eve', media: CAMERA_ON },
    'room-peek': { roomId: newRoomId() },
    'sdp-offer': { to: peer, description: { type: 'offer', sdp: OFFER_SDP } },
    'sdp-answer': { to: peer, description: { type: 'answer', sdp: OFFER_SDP } },
    ice: { to: peer, candidate: CANDIDATE },
    'peer-error': { to: peer, code: 'negotiation-failed' },
    'media-state': CAMERA_ON,
    chat: { text: 'hello' },
  };
  const valid = base[event] ?? {};
  return fc
    .record({
      drop: fc.subarray(Object.keys(valid as object)),
      replace: fc.dictionary(
        fc.constantFrom(...Object.keys(valid as object), 'extra', '__proto__'),
        nastyValue,
        {
          maxKeys: 3,
        },
      ),
    })
    .map(({ drop, replace }) => {
      const out: Record<string, unknown> = { ...(valid as object) };
      for (const key of drop) delete out[key];
      for (const [key, value] of Object.entries(replace)) {
        Object.defineProperty(out, key, { value, enumerable: true, configurable: true });
      }
      return out;
    });
}

/**
 * Payloads over the frame limit make socket.io close the connection (tested in
 * bad-input.test.ts); the fuzzer keeps to what one frame holds, so one giant
 * payload does not cut off the rest of the run.
 */
function fitsInOneFrame(payload: unknown): boolean {
  try {
    return (JSON.stringify(payload) ?? '').length < LIMITS.messageBytes - 1024;
  } catch {
    return true;
  }
}

function expectWellFormedAck(res: unknown): void {
  expect(res).toBeTypeOf('object');
  const ack = res as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  expect(typeof ack.ok).toBe('boolean');
  if (ack.ok === false) {
    expect(CODES.has(String(ack.error?.code))).toBe(true);
    expect(typeof ack.error?.message).toBe('string');
  }
}

describe('fuzzing every client event', () => {
  for (const event of EVENTS) {
    it(`${event}: random and adversarial payloads get well-formed acks; other calls keep going`, async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.boolean(),
          fc
            .oneof(
              mutated(event, memberId),
              nastyValue,
              fc.array(nastyValue, { maxLength: 3 }).map((args) => ({ spread: args })),
            )
            .filter(fitsInOneFrame),
          async (asMember, payload) => {
            const socket = asMember && member.connected ? member : stranger;
            const args =
              payload && typeof payload === 'object' && 'spread' in payload
                ? (payload as { spread: unknown[] }).spread
                : [payload];
            const res = await rawRequest(socket, event, ...args);
            expectWellFormedAck(res);
            runs += 1;
            if (runs % 50 === 0) await relayOffer(call.a, call.aId, call.b, call.bId);
          },
        ),
        { numRuns: RUNS },
      );
      await relayOffer(call.b, call.bId, call.a, call.aId);
      expect(call.a.connected && call.b.connected).toBe(true);
      expect(server.log.errors).toEqual([]);
      expect(guard.failures).toEqual([]);
    });
  }
});
