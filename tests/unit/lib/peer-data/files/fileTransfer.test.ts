// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  CHUNK_BYTES,
  Reassembler,
  decodeFrame,
  encodeFrame,
  newTransferId,
  safeFileName,
  streamFile,
} from '@/lib/peer-data/files/fileTransfer';
import {
  BUFFER_HIGH_BYTES,
  CONTROL_CHANNEL,
  FILES_CHANNEL,
  PeerChannels,
} from '@/lib/webrtc/channels';
import { fakeChannelFactory } from '@/tests/unit/support/fakeDataChannel';

const nodeSha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('framing', () => {
  test('a frame carries its transfer id and the chunk bytes', () => {
    const id = newTransferId();
    expect(id).toMatch(/^[a-z0-9]{16}$/);
    const chunk = randomBytes(CHUNK_BYTES);
    const decoded = decodeFrame(encodeFrame(id, chunk));
    expect(decoded?.id).toBe(id);
    expect(Buffer.from(decoded!.chunk).equals(chunk)).toBe(true);
    expect(decodeFrame(new ArrayBuffer(0))).toBeNull();
    expect(decodeFrame(new Uint8Array([9, 1]).buffer)).toBeNull();
  });

  test('file names are shown and saved without paths or control characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\x\\report.pdf')).toBe('report.pdf');
    expect(safeFileName('evil\u202Etxt.exe\u0007')).toBe('eviltxt.exe');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('a'.repeat(500))).toHaveLength(200);
  });
});

describe('chunking, backpressure and reassembly', () => {
  async function sendThroughChannel(bytes: Uint8Array<ArrayBuffer>) {
    const { made, create } = fakeChannelFactory();
    const channels = new PeerChannels(create);
    made[CONTROL_CHANNEL.label].open();
    const files = made[FILES_CHANNEL.label];
    files.open();
    const receiver = new Reassembler(bytes.length, nodeSha(bytes));
    // The "network": each time the sender is blocked, take everything and deliver it.
    let delivered = 0;
    const deliver = () => {
      for (; delivered < files.sent.length; delivered++) {
        const frame = decodeFrame(files.sent[delivered] as ArrayBuffer)!;
        receiver.push(frame.chunk);
      }
      files.drain();
    };
    const timer = setInterval(deliver, 1);
    const progress: number[] = [];
    const done = await streamFile(new Blob([bytes]), 'abcdefgh', channels, {
      cancelled: () => false,
      onProgress: (sent) => progress.push(sent),
    });
    clearInterval(timer);
    deliver();
    return { done, files, receiver, progress };
  }

  test('a 5 MB file goes in 16 KiB chunks, never more than the high-water mark in flight', async () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 123);
    const { done, files, receiver, progress } = await sendThroughChannel(bytes);
    expect(done).toBe(true);
    expect(files.sent).toHaveLength(Math.ceil(bytes.length / CHUNK_BYTES));
    for (const frame of files.sent) {
      expect((frame as ArrayBuffer).byteLength).toBeLessThanOrEqual(1 + 8 + CHUNK_BYTES);
    }
    expect(files.peakBuffered).toBeLessThanOrEqual(BUFFER_HIGH_BYTES + CHUNK_BYTES + 9);
    expect(progress.at(-1)).toBe(bytes.length);
    const result = receiver.result();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.blob.size).toBe(bytes.length);
    expect(nodeSha(new Uint8Array(await result.blob.arrayBuffer()))).toBe(nodeSha(bytes));
  });

  test('a cancelled stream stops before the next chunk', async () => {
    const sent: ArrayBuffer[] = [];
    let cancel = false;
    const done = await streamFile(
      new Blob([randomBytes(200 * 1024)]),
      'abcdefgh',
      {
        sendBinary: async (frame) => {
          sent.push(frame);
          if (sent.length === 3) cancel = true;
        },
      },
      { cancelled: () => cancel },
    );
    expect(done).toBe(false);
    expect(sent).toHaveLength(3);
  });

  test('the hash check refuses a damaged, short or overlong file', () => {
    const bytes = randomBytes(40_000);
    const sha = nodeSha(bytes);
    const damaged = new Reassembler(bytes.length, sha);
    const flipped = Uint8Array.from(bytes);
    flipped[20_000] ^= 1;
    damaged.push(flipped.subarray(0, CHUNK_BYTES));
    damaged.push(flipped.subarray(CHUNK_BYTES));
    expect(damaged.result()).toEqual({ ok: false, reason: 'the file arrived damaged' });

    const short = new Reassembler(bytes.length, sha);
    expect(short.push(bytes.subarray(0, 100))).toBe(false);
    expect(short.result().ok).toBe(false);

    const long = new Reassembler(10, nodeSha(bytes.subarray(0, 10)));
    expect(long.push(bytes.subarray(0, 11))).toBe(true);
    expect(long.result()).toEqual({ ok: false, reason: 'more data than the offer said' });

    const good = new Reassembler(bytes.length, sha);
    good.push(bytes.subarray(0, 1));
    expect(good.push(bytes.subarray(1))).toBe(true);
    expect(good.result().ok).toBe(true);
  });
});
