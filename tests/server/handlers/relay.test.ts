import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import {
  ANSWER_SDP,
  barrier,
  CANDIDATE,
  enter,
  EventRecorder,
  expectRefused,
  OFFER_SDP,
  once,
  pair,
  rawEmit,
  rawRequest,
  request,
  startServer,
  type ClientSocket,
  type TestServer,
} from '../helpers';

describe('relay handlers', () => {
  let server: TestServer;
  let roomId: string;
  let alice: ClientSocket;
  let bob: ClientSocket;
  let carol: ClientSocket;
  let aliceId: string;
  let bobId: string;
  let carolId: string;

  beforeEach(async () => {
    server = await startServer();
    ({ roomId, a: alice, b: bob, aId: aliceId, bId: bobId } = await pair(server));
    carol = await server.connect();
    carolId = (await enter(carol, roomId, 'Carol')).selfId;
  });

  afterEach(async () => {
    await server.close();
  });

  /** Asserts a third member and the sender received none of the relay events. */
  async function expectOnlyTargetGotIt(bystanders: EventRecorder[], sockets: ClientSocket[]) {
    await Promise.all(sockets.map((s) => barrier(s)));
    for (const recorder of bystanders) {
      expect(recorder.of('sdp-offer')).toEqual([]);
      expect(recorder.of('sdp-answer')).toEqual([]);
      expect(recorder.of('ice')).toEqual([]);
    }
  }

  it('relays sdp-offer to exactly the target, stamped with from and to', async () => {
    const carolEvents = new EventRecorder(carol);
    const aliceEvents = new EventRecorder(alice);
    const received = once(bob, 'sdp-offer');

    const res = await request(alice, 'sdp-offer', {
      to: bobId,
      description: { type: 'offer', sdp: OFFER_SDP },
    });
    expect(res).toEqual({ ok: true });
    expect(await received).toEqual({
      from: aliceId,
      to: bobId,
      description: { type: 'offer', sdp: OFFER_SDP },
    });
    await expectOnlyTargetGotIt([carolEvents, aliceEvents], [carol, alice]);
  });

  it('relays sdp-answer to exactly the target, stamped with from and to', async () => {
    const carolEvents = new EventRecorder(carol);
    const bobEvents = new EventRecorder(bob);
    const received = once(alice, 'sdp-answer');

    const res = await request(bob, 'sdp-answer', {
      to: aliceId,
      description: { type: 'answer', sdp: ANSWER_SDP },
    });
    expect(res).toEqual({ ok: true });
    expect(await received).toEqual({
      from: bobId,
      to: aliceId,
      description: { type: 'answer', sdp: ANSWER_SDP },
    });
    await expectOnlyTargetGotIt([carolEvents, bobEvents], [carol, bob]);
  });

  it('relays peer-error codes to exactly the target, stamped with from and to', async () => {
    const aliceEvents = new EventRecorder(alice);
    const carolEvents = new EventRecorder(carol);
    const codes = [
      'negotiation-failed',
      'connection-reset',
      'connection-failed',
      'retry-request',
    ] as const;
    for (const code of codes) {
      expect(await request(bob, 'peer-error', { to: aliceId, code })).toEqual({ ok: true });
    }
    await aliceEvents.waitForCount('peer-error', codes.length);
    expect(aliceEvents.of('peer-error')).toEqual(
      codes.map((code) => ({ from: bobId, to: aliceId, code })),
    );
    await barrier(carol);
    expect(carolEvents.of('peer-error')).toEqual([]);
  });

  it('refuses a peer-error with an unknown code, to yourself, or to someone outside the room', async () => {
    const aliceEvents = new EventRecorder(alice);
    expectRefused(
      await rawRequest(bob, 'peer-error', { to: aliceId, code: 'please-crash' }),
      ErrorCode.BadRequest,
    );
    expectRefused(
      await rawRequest(bob, 'peer-error', { to: aliceId, code: 'connection-reset', extra: 1 }),
      ErrorCode.BadRequest,
    );
    expectRefused(
      await request(bob, 'peer-error', { to: bobId, code: 'connection-reset' }),
      ErrorCode.UnknownPeer,
    );
    expectRefused(
      await request(bob, 'peer-error', { to: 'nobody-in-this-room', code: 'connection-reset' }),
      ErrorCode.UnknownPeer,
    );
    await barrier(alice);
    expect(aliceEvents.of('peer-error')).toEqual([]);
  });

  it('relays ice candidates, and the end-of-candidates null, to exactly the target', async () => {
    const aliceEvents = new EventRecorder(alice);
    const bobEvents = new EventRecorder(bob);
    const carolEvents = new EventRecorder(carol);

    expect(await request(carol, 'ice', { to: aliceId, candidate: CANDIDATE })).toEqual({
      ok: true,
    });
    const minimal = { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host' };
    expect(await request(carol, 'ice', { to: aliceId, candidate: minimal })).toEqual({
      ok: true,
    });
    expect(await request(carol, 'ice', { to: aliceId, candidate: null })).toEqual({ ok: true });
    await aliceEvents.waitForCount('ice', 3);

    expect(aliceEvents.of('ice')).toEqual([
      { from: carolId, to: aliceId, candidate: CANDIDATE },
      { from: carolId, to: aliceId, candidate: minimal },
      { from: carolId, to: aliceId, candidate: null },
    ]);
    await expectOnlyTargetGotIt([bobEvents, carolEvents], [bob, carol]);
  });

  it('keeps the order of a burst of relays from one sender', async () => {
    const bobEvents = new EventRecorder(bob);
    const sends = Array.from({ length: 30 }, (_, i) =>
      request(alice, 'ice', {
        to: bobId,
        candidate: { ...CANDIDATE, candidate: `candidate:${i} 1 udp 1 192.0.2.1 ${i} typ host` },
      }),
    );
    const acks = await Promise.all(sends);
    expect(acks.every((a) => a.ok)).toBe(true);
    await bobEvents.waitForCount('ice', 30);
    expect(bobEvents.of('ice').map((e) => e.candidate?.candidate.split(' ')[0])).toEqual(
      Array.from({ length: 30 }, (_, i) => `candidate:${i}`),
    );
  });

  it('relays in both directions between every pair in a room', async () => {
    const members: [ClientSocket, string][] = [
      [alice, aliceId],
      [bob, bobId],
      [carol, carolId],
    ];
    for (const [from, fromId] of members) {
      for (const [to, toId] of members) {
        if (from === to) continue;
        const sdp = `v=0\r\ns=${fromId}->${toId}\r\n`;
        const received = once(to, 'sdp-offer', undefined, (p) => p.description.sdp === sdp);
        await request(from, 'sdp-offer', { to: toId, description: { type: 'offer', sdp } });
        expect(await received).toMatchObject({ from: fromId, to: toId });
      }
    }
  });

  it('refuses a relay to a participant in another room with unknown-peer', async () => {
    const other = await pair(server);
    const otherEvents = new EventRecorder(other.a);

    const offer = await request(alice, 'sdp-offer', {
      to: other.aId,
      description: { type: 'offer', sdp: OFFER_SDP },
    });
    expectRefused(offer, ErrorCode.UnknownPeer);
    const answer = await request(alice, 'sdp-answer', {
      to: other.aId,
      description: { type: 'answer', sdp: ANSWER_SDP },
    });
    expectRefused(answer, ErrorCode.UnknownPeer);
    const ice = await request(alice, 'ice', { to: other.aId, candidate: CANDIDATE });
    expectRefused(ice, ErrorCode.UnknownPeer);

    await barrier(other.a);
    expect(otherEvents.events).toEqual([]);
  });

  it('refuses a relay to an id nobody has, and to yourself, with unknown-peer', async () => {
    const aliceEvents = new EventRecorder(alice);
    const nobody = await request(alice, 'sdp-offer', {
      to: 'AAAAAAAAAAAAAAAAAAAAAAAA',
      description: { type: 'offer', sdp: OFFER_SDP },
    });
    expectRefused(nobody, ErrorCode.UnknownPeer);
    const self = await request(alice, 'sdp-offer', {
      to: aliceId,
      description: { type: 'offer', sdp: OFFER_SDP },
    });
    expectRefused(self, ErrorCode.UnknownPeer);
    await barrier(alice);
    expect(aliceEvents.of('sdp-offer')).toEqual([]);
  });

  it('refuses a relay before entering a room with not-in-room', async () => {
    const stranger = await server.connect();
    const bobEvents = new EventRecorder(bob);

    const offer = await request(stranger, 'sdp-offer', {
      to: bobId,
      description: { type: 'offer', sdp: OFFER_SDP },
    });
    expectRefused(offer, ErrorCode.NotInRoom);
    const answer = await request(stranger, 'sdp-answer', {
      to: bobId,
      description: { type: 'answer', sdp: ANSWER_SDP },
    });
    expectRefused(answer, ErrorCode.NotInRoom);
    expectRefused(
      await request(stranger, 'ice', { to: bobId, candidate: null }),
      ErrorCode.NotInRoom,
    );

    await barrier(bob);
    expect(bobEvents.events).toEqual([]);
  });

  it('sends a protocol-error when a relay without ack is refused', async () => {
    const stranger = await server.connect();
    const strangerEvents = new EventRecorder(stranger);
    rawEmit(stranger, 'sdp-offer', { to: bobId, description: { type: 'offer', sdp: OFFER_SDP } });
    rawEmit(alice, 'ice', { to: 'AAAAAAAAAAAAAAAAAAAAAAAA', candidate: null });
    const aliceError = once(alice, 'protocol-error');

    await strangerEvents.waitForCount('protocol-error', 1);
    expect(strangerEvents.of('protocol-error')).toEqual([
      { event: 'sdp-offer', code: ErrorCode.NotInRoom, message: expect.any(String) },
    ]);
    expect(await aliceError).toEqual({
      event: 'ice',
      code: ErrorCode.UnknownPeer,
      message: expect.any(String),
    });
  });

  it('relays without an ack callback too, and sends no protocol-error', async () => {
    const aliceEvents = new EventRecorder(alice);
    const received = once(bob, 'sdp-offer');
    rawEmit(alice, 'sdp-offer', { to: bobId, description: { type: 'offer', sdp: OFFER_SDP } });
    expect(await received).toEqual({
      from: aliceId,
      to: bobId,
      description: { type: 'offer', sdp: OFFER_SDP },
    });
    await barrier(alice);
    expect(aliceEvents.of('protocol-error')).toEqual([]);
  });

  describe('a client-chosen from', () => {
    const spoofs: [event: 'sdp-offer' | 'sdp-answer' | 'ice', payload: (to: string) => object][] = [
      ['sdp-offer', (to) => ({ to, description: { type: 'offer', sdp: OFFER_SDP } })],
      ['sdp-answer', (to) => ({ to, description: { type: 'answer', sdp: ANSWER_SDP } })],
      ['ice', (to) => ({ to, candidate: CANDIDATE })],
    ];

    it.each(spoofs)(
      '%s with a from key is refused as bad-request and never relayed',
      async (event, payload) => {
        const bobEvents = new EventRecorder(bob);
        const res = await rawRequest(alice, event, { ...payload(bobId), from: carolId });
        const error = expectRefused(res, ErrorCode.BadRequest);
        expect(error.message).toContain('from');

        rawEmit(alice, event, { ...payload(bobId), from: carolId });
        const refused = await once(alice, 'protocol-error');
        expect(refused).toMatchObject({ event, code: ErrorCode.BadRequest });

        await barrier(bob);
        expect(bobEvents.of(event)).toEqual([]);
      },
    );

    it('cannot hide inside the description or candidate either', async () => {
      const bobEvents = new EventRecorder(bob);
      const offer = await rawRequest(alice, 'sdp-offer', {
        to: bobId,
        description: { type: 'offer', sdp: OFFER_SDP, from: carolId },
      });
      expectRefused(offer, ErrorCode.BadRequest);
      const ice = await rawRequest(alice, 'ice', {
        to: bobId,
        candidate: { ...CANDIDATE, from: carolId },
      });
      expectRefused(ice, ErrorCode.BadRequest);
      await barrier(bob);
      expect(bobEvents.events).toEqual([]);
    });
  });

  it('keeps working for a newcomer after someone left', async () => {
    const left = once(alice, 'peer-left');
    bob.disconnect();
    await left;
    const dave = await server.connect();
    const daveId = (await enter(dave, roomId, 'Dave')).selfId;
    const received = once(dave, 'sdp-answer');
    await request(alice, 'sdp-answer', {
      to: daveId,
      description: { type: 'answer', sdp: ANSWER_SDP },
    });
    expect(await received).toMatchObject({ from: aliceId, to: daveId });
  });
});
