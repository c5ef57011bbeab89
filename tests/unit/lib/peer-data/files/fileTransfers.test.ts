// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  FileTransfers,
  type FileMessage,
  type TransferChannel,
} from '@/lib/peer-data/files/fileTransfers';
import { parsePeerMessage } from '@/lib/peer-data/messages';
import type { IncomingTransfer, OutgoingTransfer } from '@/lib/store/sharing';
import { createRoomStore, type RoomStore } from '@/lib/store';

interface Side {
  id: string;
  store: RoomStore;
  files: FileTransfers;
  blobs: Blob[];
}

/** Three people, each with a FileTransfers; messages cross a fake wire asynchronously. */
function room(names: string[], maxBytes?: number) {
  const sides: Record<string, Side> = {};
  const down = new Set<string>();
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
    const files = new FileTransfers({
      store,
      openPeers: () => names.filter((n) => n !== id && !down.has(n)),
      channel: (peer) => link(id, peer),
      maxBytes,
      createUrl: (blob) => {
        blobs.push(blob);
        return `blob:${blobs.length}`;
      },
      revokeUrl: () => {},
    });
    sides[id] = { id, store, files, blobs };
  }
  const incoming = (who: string) =>
    Object.values(sides[who].store.getState().transfers).find((t) => t.direction === 'in') as
      IncomingTransfer | undefined;
  const outgoing = (who: string) =>
    Object.values(sides[who].store.getState().transfers).find((t) => t.direction === 'out') as
      OutgoingTransfer | undefined;
  return { sides, down, incoming, outgoing };
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 2000; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`never: ${what}`);
}

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
