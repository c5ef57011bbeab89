/**
 * What the handlers do when the registry misbehaves or is slow: a failing
 * registry call becomes an `internal` refusal (logged, never thrown), and a
 * connection that closes while its room-enter is still pending leaves no ghost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, type MediaState } from '@/lib/protocol';
import { MemoryRoomRegistry, type JoinResult, type Member } from '@/server/rooms';
import {
  CAMERA_ON,
  EventRecorder,
  barrier,
  enter,
  expectRefused,
  guardProcess,
  newRoomId,
  once,
  pair,
  rawEmit,
  request,
  startServer,
  type TestServer,
} from '../helpers';

/** A memory registry whose calls can be made to fail or to wait for a signal. */
class ControllableRegistry extends MemoryRoomRegistry {
  failGet = false;
  failSetMedia = false;
  failLeave = false;
  private joinGate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;
  private joinStarted: (() => void) | undefined;
  private leaveWaiters: ((memberId: string) => void)[] = [];
  readonly joined: string[] = [];

  /** Resolves with the member id at the next leave call, whether it succeeds or not. */
  nextLeave(): Promise<string> {
    return new Promise((resolve) => this.leaveWaiters.push(resolve));
  }

  /** Makes the next join wait until `release()`; resolves when that join has started. */
  holdNextJoin(): { started: Promise<void>; release: () => void } {
    this.joinGate = new Promise((resolve) => (this.openGate = resolve));
    const started = new Promise<void>((resolve) => (this.joinStarted = resolve));
    return { started, release: () => this.openGate?.() };
  }

  override async join(roomId: string, member: Member, capacity: number): Promise<JoinResult> {
    const gate = this.joinGate;
    if (gate) {
      this.joinGate = undefined;
      this.joinStarted?.();
      await gate;
    }
    this.joined.push(member.id);
    return super.join(roomId, member, capacity);
  }

  override async get(roomId: string, memberId: string): Promise<Member | undefined> {
    if (this.failGet) throw new Error('registry unavailable');
    return super.get(roomId, memberId);
  }

  override async setMedia(roomId: string, memberId: string, media: MediaState): Promise<void> {
    if (this.failSetMedia) throw new Error('registry unavailable');
    return super.setMedia(roomId, memberId, media);
  }

  override async leave(roomId: string, memberId: string): Promise<Member | undefined> {
    const waiters = this.leaveWaiters;
    this.leaveWaiters = [];
    try {
      if (this.failLeave) throw new Error('registry unavailable');
      return await super.leave(roomId, memberId);
    } finally {
      for (const wake of waiters) wake(memberId);
    }
  }
}

describe('handler failures', () => {
  let server: TestServer;
  let registry: ControllableRegistry;
  let guard: ReturnType<typeof guardProcess>;

  const start = async () => {
    guard = guardProcess();
    registry = new ControllableRegistry();
    server = await startServer({ registry });
  };

  afterEach(async () => {
    await server.close();
    guard.dispose();
  });

  it('answers internal, logs it, and keeps the connection when the registry throws', async () => {
    await start();
    const { a, b, bId } = await pair(server);
    const bEvents = new EventRecorder(b);
    registry.failGet = true;

    const res = await request(a, 'sdp-offer', {
      to: bId,
      description: { type: 'offer', sdp: 'v=0' },
    });
    const error = expectRefused(res, ErrorCode.Internal);
    expect(error.message).not.toContain('registry unavailable');
    expect(server.log.errors).toEqual([
      { obj: { event: 'sdp-offer', err: 'Error: registry unavailable' }, msg: 'handler failed' },
    ]);

    rawEmit(a, 'ice', { to: bId, candidate: null });
    expect(await once(a, 'protocol-error')).toMatchObject({
      event: 'ice',
      code: ErrorCode.Internal,
    });

    registry.failGet = false;
    const received = once(b, 'sdp-offer');
    await request(a, 'sdp-offer', { to: bId, description: { type: 'offer', sdp: 'v=0' } });
    await received;
    await barrier(b);
    expect(bEvents.of('sdp-offer')).toHaveLength(1);
    expect(guard.failures).toEqual([]);
  });

  it('answers internal when storing media fails, and tells nobody', async () => {
    await start();
    const { a, b } = await pair(server);
    const bEvents = new EventRecorder(b);
    registry.failSetMedia = true;
    expectRefused(await request(a, 'media-state', CAMERA_ON), ErrorCode.Internal);
    await barrier(b);
    expect(bEvents.of('media-state')).toEqual([]);
    expect(guard.failures).toEqual([]);
  });

  it('logs, and does not throw, when cleanup after a disconnect fails', async () => {
    await start();
    const { a, b, bId } = await pair(server);
    registry.failLeave = true;
    const attempted = registry.nextLeave();
    b.disconnect();
    expect(await attempted).toBe(bId);
    await barrier(a);
    expect(server.log.errors).toEqual([
      { obj: { err: 'Error: registry unavailable' }, msg: 'cleanup after disconnect failed' },
    ]);
    expect(a.connected).toBe(true);
    expect(guard.failures).toEqual([]);
  });

  it('leaves no ghost when the connection closes while room-enter is pending', async () => {
    await start();
    const roomId = newRoomId();
    const watcher = await server.connect();
    await enter(watcher, roomId, 'Watcher');
    const watcherEvents = new EventRecorder(watcher);

    const leaver = await server.connect();
    const gate = registry.holdNextJoin();
    const serverSideClosed = new Promise<void>((resolve) =>
      server.io.of('/').sockets.forEach((s) => {
        if (!s.data.participantId) s.once('disconnect', () => resolve());
      }),
    );
    leaver.emit('room-enter', { roomId, displayName: 'Leaver', media: CAMERA_ON }, () => {});
    await gate.started;
    leaver.disconnect();
    await serverSideClosed;
    const cleanedUp = registry.nextLeave();
    gate.release();

    // The join went through after the close, and the handler took it back out.
    const ghostId = await cleanedUp;
    expect(registry.joined).toContain(ghostId);
    expect((await registry.members(roomId)).map((m) => m.displayName)).toEqual(['Watcher']);
    await barrier(watcher);
    expect(watcherEvents.of('peer-joined')).toEqual([]);
    expect(guard.failures).toEqual([]);
  });

  it('refuses a second room-enter while the first is still pending', async () => {
    await start();
    const roomId = newRoomId();
    const alice = await server.connect();
    const gate = registry.holdNextJoin();
    const first = request(alice, 'room-enter', { roomId, displayName: 'Alice', media: CAMERA_ON });
    await gate.started;

    const second = await request(alice, 'room-enter', {
      roomId: newRoomId(),
      displayName: 'Alice',
      media: CAMERA_ON,
    });
    expectRefused(second, ErrorCode.AlreadyInRoom);
    gate.release();
    expect((await first).ok).toBe(true);
    expect(await registry.stats()).toEqual({ rooms: 1, members: 1 });
  });
});
