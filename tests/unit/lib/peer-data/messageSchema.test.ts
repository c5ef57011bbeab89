import { describe, expect, expectTypeOf, test } from 'vitest';
import type * as z from 'zod/mini';
import { parsePeerMessage, peerMessageSchema } from '@/lib/peer-data/messageSchema';
import { REACTIONS, type PeerMessage } from '@/lib/peer-data/messages';

const offer = {
  t: 'file-offer',
  id: 'abcdefgh',
  name: 'a.txt',
  size: 3,
  mime: '',
  sha256: 'f'.repeat(64),
} as const;

describe('parsePeerMessage (zod/mini)', () => {
  test('the schema produces exactly the PeerMessage union docs/protocol.md lists', () => {
    expectTypeOf<z.output<typeof peerMessageSchema>>().toEqualTypeOf<PeerMessage>();
  });

  test('accepts every kind, and drops extra fields', () => {
    const accepted: PeerMessage[] = [
      { t: 'hand', at: 5 },
      { t: 'hand', at: 0 },
      { t: 'hand', at: null },
      ...REACTIONS.map((emoji) => ({ t: 'reaction' as const, emoji })),
      offer,
      { ...offer, size: 0, name: 'n'.repeat(1024), mime: 'm'.repeat(255) },
      { ...offer, size: Number.MAX_SAFE_INTEGER, id: 'a1'.repeat(16) },
      { t: 'file-accept', id: 'abcdefgh' },
      { t: 'file-decline', id: 'abcdefgh' },
      { t: 'file-cancel', id: 'abcdefgh' },
      { t: 'file-result', id: 'abcdefgh', ok: true },
      { t: 'file-result', id: 'abcdefgh', ok: false },
    ];
    for (const message of accepted) {
      expect(parsePeerMessage(JSON.parse(JSON.stringify(message)))).toEqual(message);
    }
    expect(parsePeerMessage({ ...offer, extra: 1 })).toEqual(offer);
    expect(parsePeerMessage({ t: 'hand', at: 5, id: 'x', __proto__: { evil: 1 } })).toEqual({
      t: 'hand',
      at: 5,
    });
    expect(parsePeerMessage({ t: 'file-cancel', id: 'abcdefgh', ok: true })).toEqual({
      t: 'file-cancel',
      id: 'abcdefgh',
    });
  });

  test('refuses what is not an object, and unknown kinds', () => {
    for (const raw of ['hi', 42, null, undefined, true, ['hand', 5], {}]) {
      expect(parsePeerMessage(raw), JSON.stringify(raw)).toBeNull();
    }
    expect(parsePeerMessage({ t: 'nope', id: 'abcdefgh' })).toBeNull();
    expect(parsePeerMessage({ t: 'chat', text: 'hi' })).toBeNull();
    expect(parsePeerMessage({ t: 'HAND', at: 1 })).toBeNull();
    expect(parsePeerMessage({ id: 'abcdefgh' })).toBeNull();
  });

  test('hands and reactions: wrong types and values', () => {
    for (const at of [-1, 1.5, '5', Number.MAX_SAFE_INTEGER + 1, undefined, {}]) {
      expect(parsePeerMessage({ t: 'hand', at }), `at=${String(at)}`).toBeNull();
    }
    expect(parsePeerMessage({ t: 'hand' })).toBeNull();
    expect(parsePeerMessage({ t: 'reaction', emoji: '<img src=x>' })).toBeNull();
    expect(parsePeerMessage({ t: 'reaction', emoji: '👎' })).toBeNull();
    expect(parsePeerMessage({ t: 'reaction' })).toBeNull();
  });

  test('file messages need a well-formed transfer id, name, size, mime and hash', () => {
    const refused = [
      { ...offer, id: 'ABCDEFGH' },
      { ...offer, id: 'abc' },
      { ...offer, id: 'a'.repeat(33) },
      { ...offer, id: 'abcd-efgh' },
      { ...offer, id: 12345678 },
      { ...offer, name: '' },
      { ...offer, name: 'n'.repeat(1025) },
      { ...offer, name: 7 },
      { ...offer, size: -1 },
      { ...offer, size: 1.5 },
      { ...offer, size: '3' },
      { ...offer, size: Number.MAX_SAFE_INTEGER + 1 },
      { ...offer, mime: 'm'.repeat(256) },
      { ...offer, mime: null },
      { ...offer, sha256: 'xyz' },
      { ...offer, sha256: 'F'.repeat(64) },
      { ...offer, sha256: 'f'.repeat(63) },
      { t: 'file-offer', id: 'abcdefgh', name: 'a', size: 1, mime: '' },
      { t: 'file-accept' },
      { t: 'file-decline', id: 'ABC' },
      { t: 'file-cancel', id: null },
      { t: 'file-result', id: 'abcdefgh', ok: 'yes' },
      { t: 'file-result', id: 'abcdefgh' },
    ];
    for (const raw of refused) expect(parsePeerMessage(raw), JSON.stringify(raw)).toBeNull();
  });
});
