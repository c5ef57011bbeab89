import { beforeEach, describe, expect, it } from 'vitest';
import type { MediaState } from '@/lib/protocol';
import { MemoryRoomRegistry, type Member } from '@/server/rooms';

const ROOM = 'abcd-efgh-jkmn';
const OTHER_ROOM = 'zzzz-yyyy-xxxx';
const ON: MediaState = { camera: true, mic: true, screen: false };

const member = (id: string, displayName = id): Member => ({
  id,
  displayName,
  media: { ...ON },
  joinedAt: 1_700_000_000_000,
});

describe('MemoryRoomRegistry', () => {
  let registry: MemoryRoomRegistry;

  beforeEach(() => {
    registry = new MemoryRoomRegistry();
  });

  describe('join', () => {
    it('returns the others already in the room, not the newcomer', async () => {
      expect(await registry.join(ROOM, member('alice'), 8)).toEqual({ ok: true, others: [] });
      expect(await registry.join(ROOM, member('bob'), 8)).toEqual({
        ok: true,
        others: [member('alice')],
      });
      const third = await registry.join(ROOM, member('carol'), 8);
      expect(third.ok && third.others.map((m) => m.id)).toEqual(['alice', 'bob']);
      expect(await registry.count(ROOM)).toBe(3);
    });

    it('keeps rooms apart', async () => {
      await registry.join(ROOM, member('alice'), 8);
      expect(await registry.join(OTHER_ROOM, member('bob'), 8)).toEqual({ ok: true, others: [] });
      expect(await registry.count(ROOM)).toBe(1);
      expect(await registry.count(OTHER_ROOM)).toBe(1);
      expect(await registry.get(ROOM, 'bob')).toBeUndefined();
    });

    it('refuses a member once the room holds capacity members', async () => {
      await registry.join(ROOM, member('alice'), 2);
      await registry.join(ROOM, member('bob'), 2);
      expect(await registry.join(ROOM, member('carol'), 2)).toEqual({ ok: false, reason: 'full' });
      expect(await registry.count(ROOM)).toBe(2);
      expect(await registry.get(ROOM, 'carol')).toBeUndefined();
    });

    it('holds exactly capacity members under concurrent joins', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => registry.join(ROOM, member(`m${i}`), 4)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(4);
      expect(results.filter((r) => !r.ok)).toHaveLength(6);
      expect(await registry.count(ROOM)).toBe(4);
    });

    it('replaces, not duplicates, a member joining again with the same id', async () => {
      await registry.join(ROOM, member('alice'), 2);
      await registry.join(ROOM, member('bob'), 2);
      const again = await registry.join(ROOM, member('alice', 'Alice Again'), 2);
      expect(again).toEqual({ ok: true, others: [member('bob')] });
      expect(await registry.count(ROOM)).toBe(2);
      expect((await registry.get(ROOM, 'alice'))?.displayName).toBe('Alice Again');
    });

    it('stores a copy: changing the object passed in or returned changes nothing', async () => {
      const alice = member('alice');
      await registry.join(ROOM, alice, 8);
      alice.displayName = 'Mallory';
      const result = await registry.join(ROOM, member('bob'), 8);
      if (result.ok) result.others[0].displayName = 'Mallory';
      const fetched = await registry.get(ROOM, 'alice');
      if (fetched) fetched.displayName = 'Mallory';
      for (const m of await registry.members(ROOM)) m.displayName = 'Mallory';
      expect((await registry.get(ROOM, 'alice'))?.displayName).toBe('alice');
    });
  });

  describe('leave', () => {
    it('removes the member and returns it', async () => {
      await registry.join(ROOM, member('alice'), 8);
      await registry.join(ROOM, member('bob'), 8);
      expect(await registry.leave(ROOM, 'alice')).toEqual(member('alice'));
      expect(await registry.members(ROOM)).toEqual([member('bob')]);
      expect(await registry.get(ROOM, 'alice')).toBeUndefined();
    });

    it('returns undefined for someone not there, in a room or not', async () => {
      await registry.join(ROOM, member('alice'), 8);
      expect(await registry.leave(ROOM, 'nobody')).toBeUndefined();
      expect(await registry.leave(OTHER_ROOM, 'alice')).toBeUndefined();
      expect(await registry.leave(ROOM, 'alice')).toBeDefined();
      expect(await registry.leave(ROOM, 'alice')).toBeUndefined();
    });

    it('drops a room once empty, and frees a place in a full one', async () => {
      await registry.join(ROOM, member('alice'), 2);
      await registry.join(ROOM, member('bob'), 2);
      expect(await registry.stats()).toEqual({ rooms: 1, members: 2 });
      await registry.leave(ROOM, 'bob');
      expect((await registry.join(ROOM, member('carol'), 2)).ok).toBe(true);
      await registry.leave(ROOM, 'alice');
      await registry.leave(ROOM, 'carol');
      expect(await registry.stats()).toEqual({ rooms: 0, members: 0 });
      expect(await registry.count(ROOM)).toBe(0);
      expect(await registry.members(ROOM)).toEqual([]);
    });
  });

  describe('setMedia', () => {
    it('updates the stored media of one member', async () => {
      await registry.join(ROOM, member('alice'), 8);
      await registry.join(ROOM, member('bob'), 8);
      const screen = { camera: false, mic: true, screen: true };
      await registry.setMedia(ROOM, 'alice', screen);
      expect((await registry.get(ROOM, 'alice'))?.media).toEqual(screen);
      expect((await registry.get(ROOM, 'bob'))?.media).toEqual(ON);
      const next = await registry.join(ROOM, member('carol'), 8);
      expect(next.ok && next.others.find((m) => m.id === 'alice')?.media).toEqual(screen);
    });

    it('stores a copy of the media object', async () => {
      await registry.join(ROOM, member('alice'), 8);
      const media = { camera: false, mic: false, screen: false };
      await registry.setMedia(ROOM, 'alice', media);
      media.camera = true;
      expect((await registry.get(ROOM, 'alice'))?.media.camera).toBe(false);
    });

    it('does nothing, and creates no room, for an unknown member or room', async () => {
      await registry.join(ROOM, member('alice'), 8);
      await registry.setMedia(ROOM, 'nobody', { camera: false, mic: false, screen: false });
      await registry.setMedia(OTHER_ROOM, 'alice', { camera: false, mic: false, screen: false });
      expect(await registry.stats()).toEqual({ rooms: 1, members: 1 });
      expect((await registry.get(ROOM, 'alice'))?.media).toEqual(ON);
    });
  });

  describe('stats and close', () => {
    it('counts non-empty rooms and members across them', async () => {
      expect(await registry.stats()).toEqual({ rooms: 0, members: 0 });
      await registry.join(ROOM, member('alice'), 8);
      await registry.join(ROOM, member('bob'), 8);
      await registry.join(OTHER_ROOM, member('carol'), 8);
      expect(await registry.stats()).toEqual({ rooms: 2, members: 3 });
      await registry.join(ROOM, member('dave'), 2);
      expect(await registry.stats()).toEqual({ rooms: 2, members: 3 });
    });

    it('reads of unknown rooms do not create them', async () => {
      expect(await registry.count(ROOM)).toBe(0);
      expect(await registry.members(ROOM)).toEqual([]);
      expect(await registry.get(ROOM, 'alice')).toBeUndefined();
      expect(await registry.stats()).toEqual({ rooms: 0, members: 0 });
    });

    it('close forgets everything', async () => {
      await registry.join(ROOM, member('alice'), 8);
      await registry.close();
      expect(await registry.stats()).toEqual({ rooms: 0, members: 0 });
    });
  });
});
