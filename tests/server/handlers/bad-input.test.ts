/**
 * Hostile and broken payloads for every client event. Each must be refused
 * with a coded error (an ack when the client passed one, else a
 * `protocol-error` event), the sender's connection stays usable, nobody else
 * hears about it, and a pair of clients in another room keeps signalling
 * throughout. The server never throws and never logs an internal failure.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, LIMITS, type ProtocolError } from '@/lib/protocol';
import {
  ANSWER_SDP,
  barrier,
  CAMERA_ON,
  CANDIDATE,
  disconnected,
  enter,
  EventRecorder,
  expectRefused,
  guardProcess,
  newRoomId,
  OFFER_SDP,
  once,
  pair,
  rawEmit,
  rawRequest,
  relayOffer,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../helpers';

type Code = ProtocolError['code'];

interface BadCase {
  label: string;
  /** Arguments emitted before the (optional) ack callback. */
  args: unknown[];
  code: Code;
}

/** Who sends the barrage: a connection that never entered, or a room member. */
type Sender = 'stranger' | 'member';

interface Barrage {
  event: string;
  sender: Sender;
  cases: BadCase[];
  /** A valid use of the same event afterwards, proving the connection still works. */
  stillWorks: (ctx: Fixture) => Promise<void>;
}

interface Fixture {
  server: TestServer;
  roomId: string;
  member: ClientSocket;
  memberId: string;
  partner: ClientSocket;
  partnerId: string;
  stranger: ClientSocket;
}

const PARTNER = '<partner id>';
const SELF = '<own id>';
const ROOM = '<room id>';

const bad = (label: string, code: Code, ...args: unknown[]): BadCase => ({ label, args, code });

function nonObjects(valid: unknown, code: Code = ErrorCode.BadRequest): BadCase[] {
  return [
    bad('no payload', code),
    bad('null', code, null),
    bad('a number', code, 42),
    bad('NaN (sent as null)', code, Number.NaN),
    bad('a string', code, 'hello'),
    bad('a boolean', code, true),
    bad('an empty array', code, []),
    bad('the valid payload wrapped in an array', code, [valid]),
    bad('binary data', code, new Uint8Array([1, 2, 3])),
    bad('deeply nested arrays', code, nested(2000)),
  ];
}

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const withKey = (obj: object, key: string, value: unknown) => ({ ...obj, [key]: value });
const without = (obj: Record<string, unknown>, key: string) => {
  const copy = { ...obj };
  delete copy[key];
  return copy;
};
/** JSON.parse makes `__proto__` an own key, as it would be from a hostile client. */
const withProtoKey = (obj: object) =>
  JSON.parse(JSON.stringify(obj).replace(/^\{/, '{"__proto__":{"isAdmin":true},')) as object;

const validEnter = { roomId: ROOM, displayName: 'Mallory', media: CAMERA_ON };
const badRoomIds: [string, unknown][] = [
  ['too short', 'ABC'],
  ['a path', '../x'],
  ['a deeper path', '../../etc/passwd'],
  ['upper case', 'ABCD-EFGH-JKMN'],
  ['ambiguous letters l and o', 'abcd-efgh-jklo'],
  ['no dashes', 'abcdefghjkmn'],
  ['a trailing newline', 'abcd-efgh-jkmn\n'],
  ['empty', ''],
  ['a number', 1234],
  ['null', null],
  ['an operator object', { $ne: null }],
  ['10,000 characters', 'a'.repeat(10_000)],
];

const roomEnterCases: BadCase[] = [
  ...nonObjects(validEnter),
  bad('an empty object', ErrorCode.BadRequest, {}),
  ...(['roomId', 'displayName', 'media'] as const).map((key) =>
    bad(`missing ${key}`, ErrorCode.BadRequest, without(validEnter, key)),
  ),
  ...badRoomIds.map(([label, roomId]) =>
    bad(`roomId ${label}`, ErrorCode.BadRequest, { ...validEnter, roomId }),
  ),
  ...(
    [
      ['a number', 42],
      ['null', null],
      ['an array', ['Mallory']],
      ['empty', ''],
      ['blank', '  \t  '],
      ['41 characters', 'x'.repeat(LIMITS.displayName + 1)],
      ['161 characters', 'x'.repeat(LIMITS.displayName * 4 + 1)],
      ['20,000 characters', 'x'.repeat(20_000)],
    ] as [string, unknown][]
  ).map(([label, displayName]) =>
    bad(`displayName ${label}`, ErrorCode.BadRequest, { ...validEnter, displayName }),
  ),
  ...(
    [
      ['null', null],
      ['a string', 'on'],
      ['an array', [true, true, false]],
      ['a string flag', { camera: 'yes', mic: true, screen: false }],
      ['a numeric flag', { camera: 1, mic: true, screen: false }],
      ['a missing flag', { camera: true, mic: true }],
      ['an extra key', { ...CAMERA_ON, speaking: true }],
    ] as [string, unknown][]
  ).map(([label, media]) => bad(`media ${label}`, ErrorCode.BadRequest, { ...validEnter, media })),
  bad('resumeToken a number', ErrorCode.BadRequest, { ...validEnter, resumeToken: 42 }),
  bad('resumeToken of 513 characters', ErrorCode.BadRequest, {
    ...validEnter,
    resumeToken: 'x'.repeat(513),
  }),
  bad('a client-chosen id', ErrorCode.BadRequest, withKey(validEnter, 'id', 'AAAAAAAAAAAA')),
  bad('a client-chosen from', ErrorCode.BadRequest, withKey(validEnter, 'from', PARTNER)),
  bad('a __proto__ key', ErrorCode.BadRequest, withProtoKey(validEnter)),
  bad('a constructor key', ErrorCode.BadRequest, withKey(validEnter, 'constructor', {})),
];

const roomPeekCases: BadCase[] = [
  ...nonObjects({ roomId: ROOM }),
  bad('an empty object', ErrorCode.BadRequest, {}),
  ...badRoomIds.map(([label, roomId]) => bad(`roomId ${label}`, ErrorCode.BadRequest, { roomId })),
  bad('an extra key', ErrorCode.BadRequest, { roomId: ROOM, all: true }),
];

/** room-leave takes no payload; from a connection outside any room, all is not-in-room. */
const roomLeaveCases: BadCase[] = nonObjects(undefined, ErrorCode.NotInRoom).concat([
  bad('an object', ErrorCode.NotInRoom, { roomId: ROOM }),
]);

function relayCases(type: 'offer' | 'answer'): BadCase[] {
  const other = type === 'offer' ? 'answer' : 'offer';
  const sdp = type === 'offer' ? OFFER_SDP : ANSWER_SDP;
  const valid = { to: PARTNER, description: { type, sdp } };
  const withDescription = (description: unknown) => ({ to: PARTNER, description });
  return [
    ...nonObjects(valid),
    bad('an empty object', ErrorCode.BadRequest, {}),
    bad('missing to', ErrorCode.BadRequest, without(valid, 'to')),
    bad('missing description', ErrorCode.BadRequest, without(valid, 'description')),
    ...(
      [
        ['a number', 42],
        ['null', null],
        ['empty', ''],
        ['a path', '../x'],
        ['too short', 'abc'],
        ['41 characters', 'x'.repeat(41)],
        ['with spaces', 'has spaces in it'],
        ['an array', [PARTNER]],
      ] as [string, unknown][]
    ).map(([label, to]) => bad(`to ${label}`, ErrorCode.BadRequest, { ...valid, to })),
    bad('description null', ErrorCode.BadRequest, withDescription(null)),
    bad('description a bare string', ErrorCode.BadRequest, withDescription(sdp)),
    bad(
      `description of type ${other}`,
      ErrorCode.BadRequest,
      withDescription({ type: other, sdp }),
    ),
    bad('description type in capitals', ErrorCode.BadRequest, {
      ...valid,
      description: { type: type.toUpperCase(), sdp },
    }),
    bad('description without type', ErrorCode.BadRequest, withDescription({ sdp })),
    bad('description without sdp', ErrorCode.BadRequest, withDescription({ type })),
    bad('an empty sdp', ErrorCode.BadRequest, withDescription({ type, sdp: '' })),
    bad('a numeric sdp', ErrorCode.BadRequest, withDescription({ type, sdp: 42 })),
    bad('sdp one character over LIMITS.sdp', ErrorCode.BadRequest, {
      ...valid,
      description: { type, sdp: 'x'.repeat(LIMITS.sdp + 1) },
    }),
    bad('sdp just under the frame limit', ErrorCode.BadRequest, {
      ...valid,
      description: { type, sdp: 'x'.repeat(LIMITS.messageBytes - 1024) },
    }),
    bad('an extra key in the description', ErrorCode.BadRequest, {
      ...valid,
      description: { type, sdp, from: PARTNER },
    }),
    bad('a client-chosen from', ErrorCode.BadRequest, withKey(valid, 'from', PARTNER)),
    bad('a __proto__ key', ErrorCode.BadRequest, withProtoKey(valid)),
    bad('a well-formed id nobody has', ErrorCode.UnknownPeer, {
      ...valid,
      to: 'AAAAAAAAAAAAAAAAAAAAAAAA',
    }),
    bad('its own id', ErrorCode.UnknownPeer, { ...valid, to: SELF }),
  ];
}

const validIce = { to: PARTNER, candidate: CANDIDATE };
const withCandidate = (candidate: unknown) => ({ to: PARTNER, candidate });
const iceCases: BadCase[] = [
  ...nonObjects(validIce),
  bad('an empty object', ErrorCode.BadRequest, {}),
  bad('missing to', ErrorCode.BadRequest, without(validIce, 'to')),
  bad('missing candidate', ErrorCode.BadRequest, without(validIce, 'candidate')),
  bad('to a path', ErrorCode.BadRequest, { ...validIce, to: '../x' }),
  bad('candidate a number', ErrorCode.BadRequest, withCandidate(42)),
  bad('candidate a bare string', ErrorCode.BadRequest, withCandidate(CANDIDATE.candidate)),
  bad('candidate an array', ErrorCode.BadRequest, withCandidate([CANDIDATE])),
  bad('candidate an empty object', ErrorCode.BadRequest, withCandidate({})),
  bad('candidate.candidate a number', ErrorCode.BadRequest, withCandidate({ candidate: 42 })),
  bad('candidate.candidate over LIMITS.candidate', ErrorCode.BadRequest, {
    ...validIce,
    candidate: { candidate: 'x'.repeat(LIMITS.candidate + 1) },
  }),
  ...(
    [
      ['negative', -1],
      ['fractional', 1.5],
      ['too large', 65],
      ['a string', '0'],
    ] as [string, unknown][]
  ).map(([label, sdpMLineIndex]) =>
    bad(
      `sdpMLineIndex ${label}`,
      ErrorCode.BadRequest,
      withCandidate({ ...CANDIDATE, sdpMLineIndex }),
    ),
  ),
  bad('sdpMid a number', ErrorCode.BadRequest, withCandidate({ ...CANDIDATE, sdpMid: 0 })),
  bad('sdpMid of 65 characters', ErrorCode.BadRequest, {
    ...validIce,
    candidate: { ...CANDIDATE, sdpMid: 'x'.repeat(65) },
  }),
  bad('usernameFragment of 257 characters', ErrorCode.BadRequest, {
    ...validIce,
    candidate: { ...CANDIDATE, usernameFragment: 'x'.repeat(257) },
  }),
  bad('an extra key in the candidate', ErrorCode.BadRequest, {
    ...validIce,
    candidate: { ...CANDIDATE, foundation: '1' },
  }),
  bad('a client-chosen from', ErrorCode.BadRequest, withKey(validIce, 'from', PARTNER)),
  bad('a well-formed id nobody has', ErrorCode.UnknownPeer, {
    ...validIce,
    to: 'AAAAAAAAAAAAAAAAAAAAAAAA',
  }),
  bad('its own id', ErrorCode.UnknownPeer, { ...validIce, to: SELF }),
];

const mediaStateCases: BadCase[] = [
  ...nonObjects(CAMERA_ON),
  bad('an empty object', ErrorCode.BadRequest, {}),
  bad('a missing flag', ErrorCode.BadRequest, { camera: true, mic: true }),
  bad('numeric flags', ErrorCode.BadRequest, { camera: 1, mic: 0, screen: 0 }),
  bad('string flags', ErrorCode.BadRequest, { camera: 'true', mic: 'false', screen: 'false' }),
  bad('null flags', ErrorCode.BadRequest, { camera: null, mic: null, screen: null }),
  bad('an extra key', ErrorCode.BadRequest, { ...CAMERA_ON, handRaised: true }),
  bad('wrapped in media', ErrorCode.BadRequest, { media: CAMERA_ON }),
  bad('a client-chosen from', ErrorCode.BadRequest, withKey(CAMERA_ON, 'from', PARTNER)),
  bad('a __proto__ key', ErrorCode.BadRequest, withProtoKey(CAMERA_ON)),
];

const chatCases: BadCase[] = [
  ...nonObjects({ text: 'hello' }),
  bad('an empty object', ErrorCode.BadRequest, {}),
  ...(
    [
      ['a number', 42],
      ['null', null],
      ['an array', ['hello']],
      ['an object', { html: '<b>hi</b>' }],
      ['empty', ''],
      ['blank', ' \n\t '],
      [`${LIMITS.chatMessage + 1} characters`, 'x'.repeat(LIMITS.chatMessage + 1)],
      ['40,000 characters', 'x'.repeat(40_000)],
    ] as [string, unknown][]
  ).map(([label, text]) => bad(`text ${label}`, ErrorCode.BadRequest, { text })),
  bad('a client-chosen from', ErrorCode.BadRequest, { text: 'hi', from: PARTNER }),
  bad('a client-chosen displayName', ErrorCode.BadRequest, { text: 'hi', displayName: 'Admin' }),
  bad('a target', ErrorCode.BadRequest, { text: 'hi', to: PARTNER }),
  bad('a __proto__ key', ErrorCode.BadRequest, withProtoKey({ text: 'hi' })),
];

/** ice-servers takes no payload; from a connection outside any room, all is not-in-room. */
const iceServersCases: BadCase[] = nonObjects(undefined, ErrorCode.NotInRoom).concat([
  bad('an object', ErrorCode.NotInRoom, { participantId: PARTNER }),
]);

const barrages: Barrage[] = [
  {
    event: 'room-enter',
    sender: 'stranger',
    cases: roomEnterCases,
    stillWorks: async ({ stranger, roomId }) => {
      const entered = await enter(stranger, roomId, 'Mallory');
      expect(entered.peers).toHaveLength(2);
    },
  },
  {
    event: 'room-peek',
    sender: 'member',
    cases: roomPeekCases,
    stillWorks: async ({ member, roomId }) => {
      expect(await request(member, 'room-peek', { roomId })).toMatchObject({ ok: true, count: 2 });
    },
  },
  {
    event: 'room-leave',
    sender: 'stranger',
    cases: roomLeaveCases,
    stillWorks: async ({ stranger, roomId }) => {
      await enter(stranger, roomId, 'Mallory');
      expect(await request(stranger, 'room-leave')).toEqual({ ok: true });
    },
  },
  {
    event: 'ice-servers',
    sender: 'stranger',
    cases: iceServersCases,
    stillWorks: async ({ stranger, roomId }) => {
      await enter(stranger, roomId, 'Mallory');
      expect(await request(stranger, 'ice-servers')).toMatchObject({ ok: true });
    },
  },
  {
    event: 'chat',
    sender: 'member',
    cases: chatCases,
    stillWorks: async ({ member, memberId, partner }) => {
      const received = once(partner, 'chat');
      expect(await request(member, 'chat', { text: 'still here' })).toMatchObject({ ok: true });
      expect(await received).toMatchObject({ from: memberId, text: 'still here' });
    },
  },
  {
    event: 'sdp-offer',
    sender: 'member',
    cases: relayCases('offer'),
    stillWorks: ({ member, memberId, partner, partnerId }) =>
      relayOffer(member, memberId, partner, partnerId),
  },
  {
    event: 'sdp-answer',
    sender: 'member',
    cases: relayCases('answer'),
    stillWorks: async ({ member, memberId, partner, partnerId }) => {
      const received = once(partner, 'sdp-answer');
      const description = { type: 'answer' as const, sdp: ANSWER_SDP };
      expect(await request(member, 'sdp-answer', { to: partnerId, description })).toEqual({
        ok: true,
      });
      expect(await received).toEqual({ from: memberId, to: partnerId, description });
    },
  },
  {
    event: 'ice',
    sender: 'member',
    cases: iceCases,
    stillWorks: async ({ member, memberId, partner, partnerId }) => {
      const received = once(partner, 'ice');
      expect(await request(member, 'ice', { to: partnerId, candidate: CANDIDATE })).toEqual({
        ok: true,
      });
      expect(await received).toEqual({ from: memberId, to: partnerId, candidate: CANDIDATE });
    },
  },
  {
    event: 'media-state',
    sender: 'member',
    cases: mediaStateCases,
    stillWorks: async ({ member, memberId, partner }) => {
      const received = once(partner, 'media-state');
      expect(await request(member, 'media-state', CAMERA_ON)).toEqual({ ok: true });
      expect(await received).toEqual({ from: memberId, media: CAMERA_ON });
    },
  },
];

describe('bad input', () => {
  let server: TestServer;
  let guard: ReturnType<typeof guardProcess>;
  let fx: Fixture;
  let bystanders: Awaited<ReturnType<typeof pair>>;

  beforeEach(async () => {
    guard = guardProcess();
    server = await startServer();
    const room = await pair(server);
    fx = {
      server,
      roomId: room.roomId,
      member: room.a,
      memberId: room.aId,
      partner: room.b,
      partnerId: room.bId,
      stranger: await server.connect(),
    };
    bystanders = await pair(server);
  });

  afterEach(async () => {
    await server.close();
    guard.dispose();
  });

  /** Relays offers between the bystanders until `done` resolves; returns how many arrived. */
  async function keepRelaying(done: Promise<unknown>): Promise<number> {
    let finished = false;
    void done.finally(() => (finished = true));
    let count = 0;
    while (!finished || count < 3) {
      const { a, aId, b, bId } = bystanders;
      await relayOffer(a, aId, b, bId, `v=0\r\ns=bystander ${count}\r\n`);
      count += 1;
    }
    return count;
  }

  function resolveArgs(args: unknown[]): unknown[] {
    const replace = (value: unknown): unknown => {
      if (value === PARTNER) return fx.partnerId;
      if (value === SELF) return fx.memberId;
      if (value === ROOM) return fx.roomId;
      if (Array.isArray(value)) return value.map(replace);
      if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
          Object.defineProperty(out, key, {
            value: replace((value as Record<string, unknown>)[key]),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return out;
      }
      return value;
    };
    return args.map(replace);
  }

  for (const barrage of barrages) {
    it(`${barrage.event}: refuses ${barrage.cases.length} bad payloads, with and without ack`, async () => {
      const sender = barrage.sender === 'stranger' ? fx.stranger : fx.member;
      const senderEvents = new EventRecorder(sender);
      const partnerEvents = new EventRecorder(fx.partner);
      const memberEvents = new EventRecorder(fx.member);

      let finishBarrage!: () => void;
      const barrageDone = new Promise<void>((resolve) => (finishBarrage = resolve));
      const relaying = keepRelaying(barrageDone);

      try {
        // With an ack callback: each one is answered with its code.
        for (const { label, args, code } of barrage.cases) {
          const res = await rawRequest(sender, barrage.event, ...resolveArgs(args));
          expect(res, label).toMatchObject({ ok: false, error: { code } });
          expectRefused(res, code);
        }
        await barrier(sender);
        expect(senderEvents.of('protocol-error'), 'no protocol-error when an ack exists').toEqual(
          [],
        );

        // Without an ack callback: one protocol-error per refused event.
        for (const { args } of barrage.cases) rawEmit(sender, barrage.event, ...resolveArgs(args));
        await senderEvents.waitForCount('protocol-error', barrage.cases.length);
        await barrier(sender);
        const errors = senderEvents.of('protocol-error');
        expect(errors).toHaveLength(barrage.cases.length);
        for (const error of errors) {
          expect(error).toEqual({
            event: barrage.event,
            code: expect.any(String),
            message: expect.stringMatching(/\S/),
          });
        }
        const codes = (list: { code: string }[]) => list.map((e) => e.code).sort();
        expect(codes(errors)).toEqual(codes(barrage.cases));
      } finally {
        finishBarrage();
      }
      expect(await relaying).toBeGreaterThanOrEqual(3);

      // Nothing leaked to the room: no relays, no joins, no media changes.
      await Promise.all([barrier(fx.partner), barrier(fx.member)]);
      for (const recorder of [partnerEvents, memberEvents]) {
        for (const event of [
          'sdp-offer',
          'sdp-answer',
          'ice',
          'media-state',
          'peer-joined',
          'chat',
        ] as const) {
          expect(recorder.of(event), event).toEqual([]);
        }
      }
      expect(
        await request(fx.member, 'room-peek', { roomId: fx.roomId }),
        'the room is as it was',
      ).toMatchObject({ ok: true, count: 2 });

      // The sender's connection and the bystanders' still work.
      expect(sender.connected).toBe(true);
      await barrage.stillWorks(fx);
      const { a, aId, b, bId } = bystanders;
      await relayOffer(a, aId, b, bId, 'v=0\r\ns=after the barrage\r\n');

      expect(guard.failures).toEqual([]);
      expect(server.log.errors).toEqual([]);
    });
  }

  it('events the protocol does not have reach nobody and leave the connection usable', async () => {
    const senderEvents = new EventRecorder(fx.member);
    const partnerEvents = new EventRecorder(fx.partner);
    const unknown = [
      'chat-history',
      'kick',
      'peer-joined',
      'sdp-offers',
      '__proto__',
      'constructor',
      'x'.repeat(1000),
    ];
    for (const event of unknown) rawEmit(fx.member, event, { to: fx.partnerId, text: 'hi' });
    await Promise.all([barrier(fx.member), barrier(fx.partner)]);

    // The server may ignore them or refuse them; a refusal is coded and names the event.
    expect(senderEvents.events.length).toBeLessThanOrEqual(unknown.length);
    for (const { event, payload } of senderEvents.events) {
      expect(event).toBe('protocol-error');
      const refusal = payload as { code: string; event: string; message: string };
      expect(refusal.code).toBe(ErrorCode.BadRequest);
      expect(unknown.some((name) => name.startsWith(refusal.event))).toBe(true);
    }
    expect(partnerEvents.events).toEqual([]);
    expect(fx.member.connected).toBe(true);
    await relayOffer(fx.member, fx.memberId, fx.partner, fx.partnerId);
    expect(guard.failures).toEqual([]);
    expect(server.log.errors).toEqual([]);
  });

  it('closes only the connection that sends a frame over maxHttpBufferSize', async () => {
    const partnerEvents = new EventRecorder(fx.partner);
    const gone = disconnected(fx.member);
    const announced = once(fx.partner, 'peer-left');

    rawEmit(fx.member, 'sdp-offer', {
      to: fx.partnerId,
      description: { type: 'offer', sdp: 'x'.repeat(LIMITS.messageBytes + 1) },
    });

    expect(await gone).toMatch(/transport (close|error)/);
    expect(await announced).toEqual({ id: fx.memberId, reason: 'disconnected' });
    await barrier(fx.partner);
    expect(partnerEvents.of('sdp-offer')).toEqual([]);

    // Everyone else carries on: the partner, the stranger, the other room, newcomers.
    const { a, aId, b, bId } = bystanders;
    await relayOffer(a, aId, b, bId);
    expect(fx.stranger.connected).toBe(true);
    expect(await request(fx.stranger, 'room-peek', { roomId: fx.roomId })).toMatchObject({
      ok: true,
      count: 1,
    });
    const newcomer = await server.connect();
    const newcomerId = (await enter(newcomer, fx.roomId, 'Newcomer')).selfId;
    await relayOffer(fx.partner, fx.partnerId, newcomer, newcomerId);

    expect(guard.failures).toEqual([]);
    expect(server.log.errors).toEqual([]);
  });

  it('accepts a frame just under maxHttpBufferSize and refuses it by schema instead', async () => {
    const res = await rawRequest(fx.member, 'sdp-offer', {
      to: fx.partnerId,
      description: { type: 'offer', sdp: 'x'.repeat(LIMITS.messageBytes - 200) },
    });
    expectRefused(res, ErrorCode.BadRequest);
    expect(fx.member.connected).toBe(true);
    await relayOffer(fx.member, fx.memberId, fx.partner, fx.partnerId);
    const other = newRoomId();
    expect(await request(fx.member, 'room-peek', { roomId: other })).toMatchObject({ count: 0 });
  });
});
