/**
 * Host controls on the real server with real clients: host keys, lock, waiting
 * room (knock, admit, deny), remove, end, passcode, make-host, handover, and
 * requests to mute / turn the camera off. Every host event is refused to a
 * seat without host rights, whatever key it holds for another room.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type RoomEnter } from '@/lib/protocol';
import {
  CAMERA_ON,
  disconnected,
  enter,
  EventRecorder,
  expectOk,
  expectRefused,
  newRoomId,
  once,
  rawRequest,
  request,
  startServer,
  type TestServer,
} from '../helpers';

let server: TestServer;

beforeEach(async () => {
  server = await startServer({ config: { presenceGraceMs: 0 } });
});
afterEach(async () => {
  expect(server.log.errors).toEqual([]);
  await server.close();
});

const payload = (roomId: string, displayName: string, extra: Partial<RoomEnter> = {}) => ({
  roomId,
  displayName,
  media: CAMERA_ON,
  ...extra,
});

/** Enters with a "New meeting" intent: the room's first person, with a host key. */
async function createRoom(roomId = newRoomId()) {
  const socket = await server.connect();
  const state = once(socket, 'room-state');
  const res = expectOk(
    await request(socket, 'room-enter', payload(roomId, 'Hana', { create: true })),
  );
  if (!('selfId' in res) || !res.hostKey) throw new Error('expected a seat with a host key');
  expect(await state).toEqual({
    hosts: [res.selfId],
    locked: false,
    waitingRoom: false,
    passcodeRequired: false,
  });
  return { roomId, socket, id: res.selfId, hostKey: res.hostKey, token: res.resumeToken };
}

async function member(roomId: string, name: string) {
  const socket = await server.connect();
  const entered = await enter(socket, roomId, name);
  return { socket, id: entered.selfId, token: entered.resumeToken };
}

/** Every host event with a valid payload addressed to `target`. */
const hostEvents = (target: string): [string, unknown][] => [
  ['room-lock', { locked: true }],
  ['waiting-room', { on: true }],
  ['admit', {}],
  ['deny', {}],
  ['remove-participant', { id: target }],
  ['ask-mute', { id: target }],
  ['ask-mute', {}],
  ['ask-camera-off', { id: target }],
  ['make-host', { id: target }],
  ['set-passcode', { passcode: '1234' }],
  ['end-meeting', undefined],
];

describe('host keys', () => {
  it('gives a key only to the "New meeting" entry, and host rights to that seat', async () => {
    const host = await createRoom();
    const guest = await server.connect();
    const state = once(guest, 'room-state');
    const res = expectOk(
      await request(guest, 'room-enter', payload(host.roomId, 'Gus', { create: true })),
    );
    expect(res).not.toHaveProperty('hostKey');
    expect((await state).hosts).toEqual([host.id]);
    expect(host.hostKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses every host event to a seat without host rights, and outside a room', async () => {
    const host = await createRoom();
    const guest = await member(host.roomId, 'Gus');
    const other = await createRoom();
    // Gus holds another room's key: it gives nothing here.
    const keyed = await server.connect();
    const keyedIn = expectOk(
      await request(keyed, 'room-enter', payload(host.roomId, 'Kim', { hostKey: other.hostKey })),
    );
    const stranger = await server.connect();
    const hostEvents0 = new EventRecorder(host.socket);
    for (const [event, body] of hostEvents(host.id)) {
      for (const socket of [guest.socket, keyed]) {
        const res =
          body === undefined
            ? await rawRequest(socket, event)
            : await rawRequest(socket, event, body);
        expectRefused(res, ErrorCode.NotHost);
      }
      const res =
        body === undefined
          ? await rawRequest(stranger, event)
          : await rawRequest(stranger, event, body);
      expectRefused(res, ErrorCode.NotInRoom);
    }
    expect('selfId' in keyedIn).toBe(true);
    expect(hostEvents0.of('removed')).toEqual([]);
    expect(hostEvents0.of('mute-request')).toEqual([]);
    expect(await server.registry.count(host.roomId)).toBe(3);
    expect((await server.registry.control(host.roomId))?.hosts).toEqual([host.id]);
  });

  it('lets the key holder back in as host past a lock, after leaving', async () => {
    const host = await createRoom();
    const guest = await member(host.roomId, 'Gus');
    expect(await request(host.socket, 'room-lock', { locked: true })).toEqual({ ok: true });
    host.socket.disconnect();
    const handed = await once(guest.socket, 'room-state', 3000, (s) => s.hosts.includes(guest.id));
    expect(handed.hosts).toEqual([guest.id]);
    const back = await server.connect();
    const state = once(back, 'room-state', 3000, (s) => s.hosts.length === 2);
    const res = expectOk(
      await request(back, 'room-enter', payload(host.roomId, 'Hana', { hostKey: host.hostKey })),
    );
    if (!('selfId' in res)) throw new Error('expected a seat');
    expect((await state).hosts).toEqual([guest.id, res.selfId]);
    expect(await request(back, 'room-lock', { locked: false })).toEqual({ ok: true });
  });

  it('hands host rights to the longest-present person when the host disconnects', async () => {
    const host = await createRoom();
    const first = await member(host.roomId, 'Ann');
    const second = await member(host.roomId, 'Bob');
    const key = once(first.socket, 'host-key');
    const state = once(second.socket, 'room-state', 3000, (s) => s.hosts.includes(first.id));
    host.socket.disconnect();
    const { hostKey } = await key;
    expect((await state).hosts).toEqual([first.id]);
    expect(await request(first.socket, 'room-lock', { locked: true })).toEqual({ ok: true });
    expect(await request(second.socket, 'room-lock', { locked: false })).toMatchObject({
      ok: false,
    });
    // The handed-over key works like the creator's.
    first.socket.disconnect();
    await once(second.socket, 'room-state', 3000, (s) => s.hosts.includes(second.id));
    const back = await server.connect();
    const res = await request(back, 'room-enter', payload(host.roomId, 'Ann', { hostKey }));
    expect(res.ok).toBe(true);
  });

  it('make-host gives a second seat host rights and its own key; both are hosts', async () => {
    const host = await createRoom();
    const guest = await member(host.roomId, 'Gus');
    const key = once(guest.socket, 'host-key');
    const state = once(host.socket, 'room-state', 3000, (s) => s.hosts.length === 2);
    expect(await request(host.socket, 'make-host', { id: guest.id })).toEqual({ ok: true });
    expect((await key).hostKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await state).hosts).toEqual([host.id, guest.id]);
    expect(await request(guest.socket, 'room-lock', { locked: true })).toEqual({ ok: true });
  });
});

describe('lock', () => {
  it('refuses newcomers with room-locked while locked; everyone sees the state', async () => {
    const host = await createRoom();
    const guest = await member(host.roomId, 'Gus');
    const seen = once(guest.socket, 'room-state', 3000, (s) => s.locked);
    expect(await request(host.socket, 'room-lock', { locked: true })).toEqual({ ok: true });
    expect((await seen).locked).toBe(true);
    const late = await server.connect();
    expectRefused(
      await request(late, 'room-enter', payload(host.roomId, 'Lou')),
      ErrorCode.RoomLocked,
    );
    expect(await server.registry.count(host.roomId)).toBe(2);
    expect(await request(host.socket, 'room-lock', { locked: false })).toEqual({ ok: true });
    expect((await request(late, 'room-enter', payload(host.roomId, 'Lou'))).ok).toBe(true);
  });

  it('lets a seated person resume with their token while locked', async () => {
    const host = await createRoom();
    const guest = await member(host.roomId, 'Gus');
    await request(host.socket, 'room-lock', { locked: true });
    const again = await server.connect();
    const res = await request(
      again,
      'room-enter',
      payload(host.roomId, 'Gus', { resumeToken: guest.token }),
    );
    expect(res).toMatchObject({ ok: true, selfId: guest.id, resumed: true });
  });
});

describe('waiting room', () => {
  async function knocking(roomId: string, name: string) {
    const socket = await server.connect();
    const res = expectOk(await request(socket, 'room-enter', payload(roomId, name)));
    expect(res).toEqual({ ok: true, waiting: true });
    return socket;
  }

  it('makes newcomers knock; hosts see who; admit seats them with the admission', async () => {
    const host = await createRoom();
    const guest = await member(host.roomId, 'Gus');
    const guestEvents = new EventRecorder(guest.socket);
    await request(host.socket, 'waiting-room', { on: true });
    const knocks = once(host.socket, 'knocks', 3000, (k) => k.knocks.length === 1);
    const kim = await knocking(host.roomId, 'Kim');
    const [entry] = (await knocks).knocks;
    expect(entry).toMatchObject({
      displayName: 'Kim',
      id: expect.any(String),
      at: expect.any(Number),
    });
    expect(await server.registry.count(host.roomId)).toBe(2);
    expect(guestEvents.of('knocks')).toEqual([]);

    const result = once(kim, 'knock-result');
    expect(await request(host.socket, 'admit', { id: entry?.id })).toEqual({ ok: true });
    const { admitted, admission } = await result;
    expect(admitted).toBe(true);
    const joined = once(guest.socket, 'peer-joined');
    const seated = await request(kim, 'room-enter', payload(host.roomId, 'Kim', { admission }));
    expect(seated).toMatchObject({ ok: true, selfId: expect.any(String) });
    expect((await joined).displayName).toBe('Kim');
    // An admission works once.
    const reuse = await server.connect();
    expect(await request(reuse, 'room-enter', payload(host.roomId, 'Eve', { admission }))).toEqual({
      ok: true,
      waiting: true,
    });
  });

  it('deny turns a knock away; admit-all and deny-all answer everyone', async () => {
    const host = await createRoom();
    await request(host.socket, 'waiting-room', { on: true });
    const a = await knocking(host.roomId, 'Ann');
    const b = await knocking(host.roomId, 'Bob');
    const c = await knocking(host.roomId, 'Cy');
    const list = (await server.registry.control(host.roomId))?.knocks ?? [];
    expect(list.map((k) => k.displayName)).toEqual(['Ann', 'Bob', 'Cy']);
    const denied = once(a, 'knock-result');
    expect(await request(host.socket, 'deny', { id: list[0]?.id })).toEqual({ ok: true });
    expect(await denied).toEqual({ admitted: false });
    const both = [once(b, 'knock-result'), once(c, 'knock-result')];
    const emptied = once(host.socket, 'knocks', 3000, (k) => k.knocks.length === 0);
    expect(await request(host.socket, 'admit', {})).toEqual({ ok: true });
    for (const r of await Promise.all(both)) expect(r.admitted).toBe(true);
    await emptied;
    expectRefused(
      await request(host.socket, 'admit', { id: list[0]?.id ?? '' }),
      ErrorCode.UnknownPeer,
    );
  });

  it('drops a knock whose socket closes, and survives a host reload', async () => {
    const host = await createRoom();
    const guest = await member(host.roomId, 'Gus');
    await request(host.socket, 'waiting-room', { on: true });
    const gone = await knocking(host.roomId, 'Gone');
    await knocking(host.roomId, 'Kim');
    const dropped = once(host.socket, 'knocks', 3000, (k) => k.knocks.length === 1);
    gone.disconnect();
    expect((await dropped).knocks.map((k) => k.displayName)).toEqual(['Kim']);
    host.socket.disconnect();
    await once(guest.socket, 'room-state', 3000, (s) => s.hosts.includes(guest.id));
    const back = await server.connect();
    const state = once(back, 'room-state');
    const knocks = once(back, 'knocks');
    await request(back, 'room-enter', payload(host.roomId, 'Hana', { hostKey: host.hostKey }));
    expect((await state).waitingRoom).toBe(true);
    expect((await knocks).knocks.map((k) => k.displayName)).toEqual(['Kim']);
  });

  it('turning the waiting room off admits everyone waiting', async () => {
    const host = await createRoom();
    await request(host.socket, 'waiting-room', { on: true });
    const kim = await knocking(host.roomId, 'Kim');
    const result = once(kim, 'knock-result');
    expect(await request(host.socket, 'waiting-room', { on: false })).toEqual({ ok: true });
    expect((await result).admitted).toBe(true);
  });

  it('tells people waiting that the meeting is over when everyone leaves', async () => {
    const host = await createRoom();
    await request(host.socket, 'waiting-room', { on: true });
    const kim = await knocking(host.roomId, 'Kim');
    const ended = once(kim, 'meeting-ended');
    host.socket.disconnect();
    await ended;
    expect(await server.registry.control(host.roomId)).toBeNull();
  });
});

describe('remove', () => {
  it('closes the removed seat, tells the others, and refuses its token while locked', async () => {
    const host = await createRoom();
    const guest = await member(host.roomId, 'Gus');
    const watcher = await member(host.roomId, 'Wes');
    const removed = once(guest.socket, 'removed');
    const closed = disconnected(guest.socket);
    const left = once(watcher.socket, 'peer-left');
    const res = await request(host.socket, 'remove-participant', { id: guest.id, lock: true });
    expect(res).toEqual({ ok: true });
    await removed;
    expect(await closed).toBe('io server disconnect');
    expect(await left).toEqual({ id: guest.id, reason: 'removed' });
    expect(await server.registry.get(host.roomId, guest.id)).toBeUndefined();
    const again = await server.connect();
    const back = await request(
      again,
      'room-enter',
      payload(host.roomId, 'Gus', { resumeToken: guest.token }),
    );
    expectRefused(back, ErrorCode.Removed);
    const fresh = await server.connect();
    expectRefused(
      await request(fresh, 'room-enter', payload(host.roomId, 'Gus')),
      ErrorCode.RoomLocked,
    );
  });

  it('refuses the removed token with the waiting room on, and cannot remove yourself', async () => {
    const host = await createRoom();
    const guest = await member(host.roomId, 'Gus');
    await request(host.socket, 'waiting-room', { on: true });
    expect(await request(host.socket, 'remove-participant', { id: guest.id })).toEqual({
      ok: true,
    });
    const again = await server.connect();
    const back = await request(
      again,
      'room-enter',
      payload(host.roomId, 'Gus', { resumeToken: guest.token }),
    );
    expectRefused(back, ErrorCode.Removed);
    expectRefused(
      await request(host.socket, 'remove-participant', { id: host.id }),
      ErrorCode.UnknownPeer,
    );
  });
});

describe('end meeting', () => {
  it('tells everyone, closes their connections and empties the room', async () => {
    const host = await createRoom();
    const a = await member(host.roomId, 'Ann');
    const b = await member(host.roomId, 'Bob');
    const ended = [once(a.socket, 'meeting-ended'), once(b.socket, 'meeting-ended')];
    const closed = [disconnected(a.socket), disconnected(b.socket)];
    expect(await request(host.socket, 'end-meeting')).toEqual({ ok: true });
    await Promise.all([...ended, ...closed]);
    expect(await server.registry.count(host.roomId)).toBe(0);
    expect(await server.registry.control(host.roomId)).toBeNull();
    expect(host.socket.connected).toBe(true);
  });
});

describe('requests to mute and to turn the camera off', () => {
  it('reaches one person, or everyone else for mute-all', async () => {
    const host = await createRoom();
    const a = await member(host.roomId, 'Ann');
    const b = await member(host.roomId, 'Bob');
    const hostEvents0 = new EventRecorder(host.socket);
    const one = once(a.socket, 'mute-request');
    expect(await request(host.socket, 'ask-mute', { id: a.id })).toEqual({ ok: true });
    expect(await one).toEqual({ from: host.id });
    const cam = once(b.socket, 'camera-request');
    expect(await request(host.socket, 'ask-camera-off', { id: b.id })).toEqual({ ok: true });
    expect(await cam).toEqual({ from: host.id });
    const all = [once(a.socket, 'mute-request'), once(b.socket, 'mute-request')];
    expect(await request(host.socket, 'ask-mute', {})).toEqual({ ok: true });
    await Promise.all(all);
    expect(hostEvents0.of('mute-request')).toEqual([]);
  });
});

describe('passcode', () => {
  async function passcoded(limits = {}) {
    await server.close();
    server = await startServer({
      config: {
        limits: {
          ...server.config.limits,
          passcodeAttemptsPerMinute: 3,
          passcodeRoomAttemptsPerMinute: 100,
          ...limits,
        },
      },
    });
    const host = await createRoom();
    const state = once(host.socket, 'room-state', 3000, (s) => s.passcodeRequired);
    expect(await request(host.socket, 'set-passcode', { passcode: 'blue-42' })).toEqual({
      ok: true,
    });
    await state;
    return host;
  }

  it('asks for it, refuses a wrong one, lets the right one in', async () => {
    const host = await passcoded();
    const s = await server.connect();
    expectRefused(
      await request(s, 'room-enter', payload(host.roomId, 'Pat')),
      ErrorCode.PasscodeRequired,
    );
    expectRefused(
      await request(s, 'room-enter', payload(host.roomId, 'Pat', { passcode: 'blue-41' })),
      ErrorCode.PasscodeWrong,
    );
    const ok = await request(s, 'room-enter', payload(host.roomId, 'Pat', { passcode: 'blue-42' }));
    expect(ok).toMatchObject({ ok: true, selfId: expect.any(String) });
    // The key holder needs none; clearing it lets anyone in.
    const back = await server.connect();
    expect(
      (await request(back, 'room-enter', payload(host.roomId, 'H', { hostKey: host.hostKey }))).ok,
    ).toBe(true);
    expect(await request(host.socket, 'set-passcode', { passcode: null })).toEqual({ ok: true });
    const late = await server.connect();
    expect((await request(late, 'room-enter', payload(host.roomId, 'Lou'))).ok).toBe(true);
  });

  it('cuts off guessing per address: past the limit even the right passcode is refused', async () => {
    const host = await passcoded();
    const s = await server.connect();
    for (const guess of ['0000', '0001', '0002']) {
      const res = await request(s, 'room-enter', payload(host.roomId, 'Eve', { passcode: guess }));
      expectRefused(res, ErrorCode.PasscodeWrong);
    }
    const cut = await request(
      s,
      'room-enter',
      payload(host.roomId, 'Eve', { passcode: 'blue-42' }),
    );
    const error = expectRefused(cut, ErrorCode.RateLimited);
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('cuts off guessing per room, from any address', async () => {
    const host = await passcoded({
      passcodeAttemptsPerMinute: 100,
      passcodeRoomAttemptsPerMinute: 2,
    });
    for (const guess of ['0000', '0001']) {
      const s = await server.connect();
      expectRefused(
        await request(s, 'room-enter', payload(host.roomId, 'Eve', { passcode: guess })),
        ErrorCode.PasscodeWrong,
      );
    }
    const s = await server.connect();
    const res = await request(
      s,
      'room-enter',
      payload(host.roomId, 'Pat', { passcode: 'blue-42' }),
    );
    expectRefused(res, ErrorCode.RateLimited);
  });
});
