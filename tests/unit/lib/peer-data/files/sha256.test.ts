// @vitest-environment node
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createSha256, sha256OfBlob } from '@/lib/peer-data/files/sha256';

const nodeSha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const text = (s: string) => new TextEncoder().encode(s);

describe('sha256 (@noble/hashes), the digest file-offer carries', () => {
  test('known vectors (FIPS 180-2): the empty string and "abc", as 64 lowercase hex digits', async () => {
    const empty = createSha256();
    expect(empty.digestHex()).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    const abc = createSha256();
    abc.update(text('a'));
    abc.update(text('bc'));
    expect(abc.digestHex()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(await sha256OfBlob(new Blob([]))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256OfBlob(new Blob(['abc']))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  test('matches node:crypto for edge lengths, fed in random pieces', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 70_001]) {
      const bytes = randomBytes(n);
      const hash = createSha256();
      for (let at = 0; at < n;) {
        const take = Math.min(n - at, 1 + ((at * 7919) % 300));
        hash.update(bytes.subarray(at, at + take));
        at += take;
      }
      expect(hash.digestHex(), `length ${n}`).toBe(nodeSha(bytes));
    }
  });

  test('hashes a Blob slice by slice', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    expect(await sha256OfBlob(new Blob([bytes]), 1024 * 1024)).toBe(nodeSha(bytes));
  });
});
