// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, test, vi } from 'vitest';
import {
  FileTransfers,
  type FileMessage,
  type TransferChannel,
} from '@/lib/peer-data/files/fileTransfers';
import { encodeFrame } from '@/lib/peer-data/files/fileTransfer';
import { parsePeerMessage } from '@/lib/peer-data/messageSchema';
import { transferKey, type IncomingTransfer, type OutgoingTransfer } from '@/lib/store/sharing';
import { createRoomStore, type RoomStore } from '@/lib/store';

interface Side {
  id: string;
  store: RoomStore;
  files: FileTransfers;
  blobs: Blob[];
  revoked: string[];
}

/** Three people, each with a FileTransfers; messages cross a fake wire asynchronously. */
function room(names: string[], maxBytes?: number) {
  const sides: Record<string, Side> = {};
  const down = new Set<string>();
  let frames = 0;
  const link = (from: string, to: string): TransferChannel => ({
    get isOpen() {
      return !down.has(from) && !down.has(to);
    },
    sendControl(message) {
      if (down.has(from) || down.has(to)) return false;
      const copy = parsePeerMessage(JSON.parse(JSON.stringify(message)));
      setTimeout(() => sides[to].files.handleMessage(from, copy as FileMessage));
      return true;
    },
    async sendBinary(frame) {
      if (down.has(from) || down.has(to)) throw new Error('closed');
      frames += 1;
      await new Promise((resolve) => setTimeout(resolve));
      sides[to].files.handleBinary(from, frame.slice(0));
    },
  });
  for (const id of names) {
    const store = createRoomStore('test-room');
    for (const other of names) {
      if (other !== id)
        store.getState().addParticipant({
          id: other,
          displayName: other,
          joinedAt: 0,
          media: { camera: false, mic: false, screen: false },
        });
    }
    const blobs: Blob[] = [];
    const revoked: string[] = [];
    const files = new FileTransfers({
      store,
      selfId: id,
      openPeers: () => names.filter((n) => n !== id && !down.has(n)),
      channel: (peer) => link(id, peer),
      maxBytes,
      createUrl: (blob) => {
        blobs.push(blob);
        return `blob:${blobs.length}`;
      },
      revokeUrl: (url) => revoked.push(url),
    });
    sides[id] = { id, store, files, blobs, revoked };
  }
  const incoming = (who: string) =>
    Object.values(sides[who].store.getState().transfers).find((t) => t.direction === 'in') as
      IncomingTransfer | undefined;
  const outgoing = (who: string) =>
    Object.values(sides[who].store.getState().transfers).find((t) => t.direction === 'out') as
      OutgoingTransfer | undefined;
  return { sides, down, incoming, outgoing, frames: () => frames };
}

/** Waits until `check` holds; `what` names it when it never does. */
const until = (check: () => boolean, what: string) =>
  vi.waitFor(
    () => {
      if (!check()) throw new Error(`never: ${what}`);
    },
    { timeout: 5000, interval: 2 },
  );

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('FileTransfers between browsers', () => {
  test('two accept and get identical bytes; a decline does not disturb the other', async () => {
    const { sides, incoming, outgoing } = room(['ann', 'bob', 'cat', 'dan']);
    const bytes = randomBytes(300 * 1024 + 5);
    expect(await sides.ann.files.share(new File([bytes], 'photo.bin'))).toBeNull();
    await until(
      () => ['bob', 'cat', 'dan'].every((p) => incoming(p)?.state === 'offered'),
      'offers',
    );
    expect(incoming('bob')).toMatchObject({
      name: 'photo.bin',
      size: bytes.length,
      from: 'ann',
      fromName: 'ann',
    });
    sides.bob.files.accept(incoming('bob')!.key);
    sides.cat.files.accept(incoming('cat')!.key);
    sides.dan.files.decline(incoming('dan')!.key);
    await until(
      () => incoming('bob')?.state === 'done' && incoming('cat')?.state === 'done',
      'done',
    );
    for (const who of ['bob', 'cat']) {
      expect(sha(new Uint8Array(await sides[who].blobs[0].arrayBuffer()))).toBe(sha(bytes));
    }
    expect(incoming('dan')?.state).toBe('declined');
    await until(() => outgoing('ann')?.state === 'finished', 'sender finished');
    const states = Object.fromEntries(
      Object.entries(outgoing('ann')!.recipients).map(([id, r]) => [id, r.state]),
    );
    expect(states).toEqual({ bob: 'done', cat: 'done', dan: 'declined' });
  });

  test('the sender cancels mid-way: receivers fail cleanly, late chunks are dropped', async () => {
    const { sides, incoming, outgoing } = room(['ann', 'bob']);
    void sides.ann.files.share(new File([randomBytes(2 * 1024 * 1024)], 'big.bin'));
    await until(() => incoming('bob')?.state === 'offered', 'offer');
    sides.bob.files.accept(incoming('bob')!.key);
    await until(() => (incoming('bob')?.bytes ?? 0) > 0, 'some bytes');
    sides.ann.files.cancel(outgoing('ann')!.key);
    expect(outgoing('ann')?.state).toBe('cancelled');
    await until(() => incoming('bob')?.state === 'failed', 'receiver failed');
    expect(incoming('bob')?.error).toMatch(/cancelled/);
    expect(sides.bob.blobs).toHaveLength(0);
  });

  test('a receiver who leaves mid-way fails on both sides', async () => {
    const { sides, down, incoming, outgoing } = room(['ann', 'bob']);
    void sides.ann.files.share(new File([randomBytes(2 * 1024 * 1024)], 'big.bin'));
    await until(() => incoming('bob')?.state === 'offered', 'offer');
    sides.bob.files.accept(incoming('bob')!.key);
    await until(() => (incoming('bob')?.bytes ?? 0) > 0, 'some bytes');
    down.add('bob');
    sides.ann.files.peerGone('bob');
    sides.bob.files.peerGone('ann');
    expect(outgoing('ann')?.recipients.bob.state).toBe('failed');
    expect(incoming('bob')?.state).toBe('failed');
    expect(incoming('bob')?.error).toMatch(/left/);
  });

  test('size limit: the sender refuses, and a receiver declines larger offers by itself', async () => {
    const { sides, incoming } = room(['ann', 'bob'], 1000);
    expect(await sides.ann.files.share(new File([new Uint8Array(1001)], 'x.bin'))).toMatch(/limit/);
    sides.bob.files.handleMessage('ann', {
      t: 'file-offer',
      id: 'abcdefgh',
      name: 'huge.iso',
      size: 5000,
      mime: '',
      sha256: 'a'.repeat(64),
    });
    expect(incoming('bob')?.state).toBe('declined');
  });

  test('an offer with a path or control characters shows only a plain name', async () => {
    const { sides, incoming } = room(['ann', 'bob']);
    sides.bob.files.handleMessage('ann', {
      t: 'file-offer',
      id: 'abcdefgh',
      name: '../../x<b>\u0000.html',
      size: 1,
      mime: 'text/html',
      sha256: 'a'.repeat(64),
    });
    expect(incoming('bob')?.name).toBe('x<b>.html');
  });
});

describe('one source of truth, one key scheme', () => {
  test('a transfer has the same key in both directions: sender id / transfer id', async () => {
    const { sides, incoming, outgoing } = room(['ann', 'bob']);
    void sides.ann.files.share(new File(['hello'], 'hi.txt'));
    await until(() => incoming('bob')?.state === 'offered', 'offer');
    const key = outgoing('ann')!.key;
    expect(key).toMatch(/^ann\/[a-z0-9]{16}$/);
    expect(incoming('bob')!.key).toBe(key);
    expect(Object.keys(sides.bob.store.getState().transfers)).toEqual([key]);
    expect(key).toBe(transferKey('ann', key.split('/')[1]));
    sides.bob.files.accept(key);
    await until(() => outgoing('ann')?.state === 'finished', 'sent');
    expect(incoming('bob')).toMatchObject({ state: 'done', bytes: 5, url: 'blob:1' });
  });

  test('a file-cancel reaches exactly one direction, told by who sent the file', async () => {
    const { sides, incoming, outgoing } = room(['ann', 'bob']);
    // Both send each other a file at once: ann has one incoming and one outgoing transfer.
    void sides.ann.files.share(new File([randomBytes(2 * 1024 * 1024)], 'a.bin'));
    void sides.bob.files.share(new File([randomBytes(2 * 1024 * 1024)], 'b.bin'));
    await until(() => !!incoming('ann') && !!incoming('bob'), 'both offers');
    sides.ann.files.accept(incoming('ann')!.key);
    sides.bob.files.accept(incoming('bob')!.key);
    await until(() => (incoming('ann')?.bytes ?? 0) > 0, 'bytes to ann');

    // Bob stops the file ann sends him: only ann's outgoing transfer hears it.
    sides.bob.files.decline(incoming('bob')!.key);
    await until(() => outgoing('ann')?.recipients.bob.state === 'failed', 'ann told');
    expect(incoming('ann')?.state).toBe('receiving');

    // Bob cancels his own file: only ann's incoming transfer hears it.
    sides.bob.files.cancel(outgoing('bob')!.key);
    await until(() => incoming('ann')?.state === 'failed', 'ann receiver failed');
    expect(incoming('ann')?.error).toMatch(/bob cancelled/);
    expect(outgoing('ann')?.recipients.bob).toMatchObject({ state: 'failed' });
    expect(outgoing('ann')?.state).toBe('finished');
  });

  test('a file-cancel from a recipient never touches a file that recipient offered', () => {
    const { sides, incoming } = room(['ann', 'bob']);
    sides.ann.files.handleMessage('bob', {
      t: 'file-offer',
      id: 'bobfile1',
      name: 'b.txt',
      size: 10,
      mime: '',
      sha256: 'a'.repeat(64),
    });
    // An answer about a transfer of ann's that does not exist is ignored...
    sides.ann.files.handleMessage('bob', { t: 'file-accept', id: 'bobfile1' });
    sides.ann.files.handleMessage('bob', { t: 'file-result', id: 'bobfile1', ok: false });
    expect(incoming('ann')?.state).toBe('offered');
    // ...while bob's own cancel of it is his, as its sender.
    sides.ann.files.handleMessage('bob', { t: 'file-cancel', id: 'bobfile1' });
    expect(incoming('ann')).toMatchObject({ state: 'failed', key: 'bob/bobfile1' });
  });

  test('an offer reusing the id of one of our files is refused (a cancel could not tell them apart)', async () => {
    const { sides, incoming, outgoing } = room(['ann', 'bob']);
    void sides.ann.files.share(new File(['x'], 'x.txt'));
    await until(() => incoming('bob')?.state === 'offered', 'offer');
    const id = outgoing('ann')!.key.split('/')[1];
    sides.ann.files.handleMessage('bob', {
      t: 'file-offer',
      id,
      name: 'twin.txt',
      size: 1,
      mime: '',
      sha256: 'a'.repeat(64),
    });
    expect(incoming('ann')).toBeUndefined();
    expect(Object.keys(sides.ann.store.getState().transfers)).toEqual([`ann/${id}`]);
  });

  test('the store is the only record: clearing it stops the stream and drops late chunks', async () => {
    const { sides, incoming, outgoing, frames } = room(['ann', 'bob']);
    void sides.ann.files.share(new File([randomBytes(2 * 1024 * 1024)], 'big.bin'));
    await until(() => incoming('bob')?.state === 'offered', 'offer');
    const key = incoming('bob')!.key;
    sides.bob.files.accept(key);
    await until(() => (incoming('bob')?.bytes ?? 0) > 0, 'some bytes');
    // The call's state is cleared on both sides (as MeshCall.close does).
    sides.ann.store.getState().clearSharing();
    sides.bob.store.getState().clearSharing();
    const framesAtClear = frames();
    sides.bob.files.handleBinary('ann', encodeFrame(key.split('/')[1], new Uint8Array(10)));
    sides.bob.files.accept(key);
    expect(sides.bob.store.getState().transfers).toEqual({});

    // A new file still goes through, and the old one sent at most its chunk in flight.
    void sides.ann.files.share(new File(['again'], 'again.txt'));
    await until(() => incoming('bob')?.state === 'offered', 'second offer');
    sides.bob.files.accept(incoming('bob')!.key);
    await until(() => outgoing('ann')?.state === 'finished', 'second sent');
    expect(outgoing('ann')?.name).toBe('again.txt');
    expect(frames()).toBeLessThanOrEqual(framesAtClear + 1 + 1);
    expect(sides.bob.blobs).toHaveLength(1);
    expect(await sides.bob.blobs[0].text()).toBe('again');
  });

  test('dismiss removes a card from the store and revokes its download URL', async () => {
    const { sides, incoming, outgoing } = room(['ann', 'bob']);
    void sides.ann.files.share(new File(['hello'], 'hi.txt'));
    await until(() => incoming('bob')?.state === 'offered', 'offer');
    sides.bob.files.accept(incoming('bob')!.key);
    await until(() => outgoing('ann')?.state === 'finished', 'sent');
    expect(incoming('bob')?.url).toBe('blob:1');
    sides.bob.files.dismiss(incoming('bob')!.key);
    sides.ann.files.dismiss(outgoing('ann')!.key);
    expect(sides.bob.revoked).toEqual(['blob:1']);
    expect(sides.bob.store.getState().transfers).toEqual({});
    expect(sides.ann.store.getState().transfers).toEqual({});
  });

  test('the sender cancels while hashing: nothing is offered', async () => {
    const { sides, outgoing } = room(['ann', 'bob']);
    const sharing = sides.ann.files.share(new File([randomBytes(1024)], 'x.bin'));
    expect(outgoing('ann')?.state).toBe('preparing');
    sides.ann.files.cancel(outgoing('ann')!.key);
    expect(await sharing).toBeNull();
    expect(outgoing('ann')).toMatchObject({ state: 'cancelled' });
    expect(sides.bob.store.getState().transfers).toEqual({});
  });
});
