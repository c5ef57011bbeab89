import { describe, expect, it } from 'vitest';
import { ROOM_ALPHABET, ROOM_ID_PATTERN } from '@/lib/protocol';
import { generateRoomId, isRoomId, parseRoomCode } from '@/lib/view/roomId';

const symbols = (id: string) => id.replace(/-/g, '');

describe('generateRoomId', () => {
  it('gives three groups of four symbols from the room alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const id = generateRoomId();
      expect(id).toMatch(ROOM_ID_PATTERN);
      expect(id).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(symbols(id)).toHaveLength(12);
      expect(isRoomId(id)).toBe(true);
    }
  });

  it('uses a 32-symbol alphabet without look-alikes (l, o, 0, 1)', () => {
    expect(new Set(ROOM_ALPHABET).size).toBe(32);
    expect(ROOM_ALPHABET).toHaveLength(32);
    for (const confusable of ['l', 'o', '0', '1']) expect(ROOM_ALPHABET).not.toContain(confusable);
  });

  it('maps every random byte to a symbol, each symbol from the same number of bytes', () => {
    const counts = new Map<string, number>();
    for (let start = 0; start < 256; start += 12) {
      const bytes = Array.from({ length: 12 }, (_, i) => (start + i) % 256);
      const id = generateRoomId((buffer) => {
        buffer.set(bytes);
        return buffer;
      });
      for (const symbol of symbols(id)) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([...ROOM_ALPHABET].sort());
    // 264 bytes (256 + 8 wrapped) over 32 symbols: no symbol favoured beyond the wrap.
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(8);
    for (const count of counts.values()) expect(count).toBeLessThanOrEqual(9);
  });

  it('asks the random source for 12 bytes, one per symbol', () => {
    const lengths: number[] = [];
    const id = generateRoomId((buffer) => {
      lengths.push(buffer.length);
      return buffer.fill(0);
    });
    expect(lengths).toEqual([12]);
    expect(id).toBe('aaaa-aaaa-aaaa');
    expect(generateRoomId((buffer) => buffer.fill(255))).toBe('9999-9999-9999');
  });

  it('gives distinct, evenly spread ids from the default random source', () => {
    const ids = Array.from({ length: 5000 }, () => generateRoomId());
    expect(new Set(ids).size).toBe(ids.length);

    // 60,000 symbols: each of the 32 expected 1,875 times (sd ~43).
    const counts = new Map<string, number>();
    for (const id of ids) for (const s of symbols(id)) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect(counts.size).toBe(32);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(1600);
      expect(count).toBeLessThan(2150);
    }
    // Every position varies too (no fixed prefix or suffix).
    for (let position = 0; position < 12; position++) {
      const seen = new Set(ids.map((id) => symbols(id)[position]));
      expect(seen.size).toBe(32);
    }
  });
});

describe('parseRoomCode', () => {
  it.each([
    ['a canonical code', 'abcd-efgh-jkmn'],
    ['surrounding whitespace', '  abcd-efgh-jkmn \n'],
    ['upper case', 'ABCD-EFGH-JKMN'],
    ['mixed case', 'aBcD-eFgH-jKmN'],
    ['no dashes', 'abcdefghjkmn'],
    ['no dashes, upper case', 'ABCDEFGHJKMN'],
    ['spaces instead of dashes', 'abcd efgh jkmn'],
    ['a link', 'http://host/abcd-efgh-jkmn'],
    ['an https link with a port', 'https://parley.example:8443/abcd-efgh-jkmn'],
    ['a link with a query', 'https://parley.example/abcd-efgh-jkmn?utm_source=mail'],
    ['a link with a hash', 'https://parley.example/abcd-efgh-jkmn#top'],
    ['a link with query and hash', 'https://parley.example/abcd-efgh-jkmn?a=1&b=2#x'],
    ['a link with a trailing slash', 'https://parley.example/abcd-efgh-jkmn/'],
    ['an upper-case link', 'HTTPS://PARLEY.EXAMPLE/ABCD-EFGH-JKMN'],
    ['a link with an upper-case code without dashes', 'http://localhost:3000/ABCDEFGHJKMN'],
    ['a link with whitespace around it', '\thttp://host/abcd-efgh-jkmn  '],
  ])('accepts %s', (_, input) => {
    expect(parseRoomCode(input)).toBe('abcd-efgh-jkmn');
  });

  it('returns codes that pass isRoomId', () => {
    const id = generateRoomId();
    expect(parseRoomCode(id.toUpperCase().replace(/-/g, ''))).toBe(id);
    expect(isRoomId(parseRoomCode(`https://x.example/${id}?q#h`) ?? '')).toBe(true);
  });

  it.each([
    ['a room path below another segment', 'https://parley.example/room/abcd-efgh-jkmn'],
    ['an extra segment after the code', 'https://parley.example/abcd-efgh-jkmn/extra'],
    ['two codes as segments', 'http://host/abcd-efgh-jkmn/abcd-efgh-jkmn'],
    ['a link without a path', 'https://parley.example/'],
    ['a link without a host', 'http://'],
    ['a link whose path is not a code', 'https://parley.example/settings'],
    ['a code only in the query', 'https://parley.example/?room=abcd-efgh-jkmn'],
    ['a code only in the hash', 'https://parley.example/#abcd-efgh-jkmn'],
    ['a malformed escape', 'https://parley.example/%E0%A4%A'],
    ['another scheme', 'ftp://host/abcd-efgh-jkmn'],
    ['a javascript: URL', 'javascript:alert(1)'],
  ])('rejects %s', (_, input) => {
    expect(parseRoomCode(input)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t'],
    ['a word', 'hello'],
    ['11 symbols', 'abcd-efgh-jkm'],
    ['13 symbols', 'abcd-efgh-jkmnp'],
    ['an l (not in the alphabet)', 'abcd-efgh-jklm'],
    ['an o', 'abcd-efgh-jkmo'],
    ['a 0', 'abcd-efgh-jk0n'],
    ['a 1', '1bcd-efgh-jkmn'],
    ['underscores', 'abcd_efgh_jkmn'],
    ['dots', 'abcd.efgh.jkmn'],
    ['a path without scheme', 'parley.example/abcd-efgh-jkmn'],
    ['look-alike Cyrillic letters', 'аbcd-efgh-jkmn'],
    ['markup', '<b>abcd-efgh-jkmn</b>'],
    ['a huge input', `${'a'.repeat(4096)}`],
    ['a huge link', `https://parley.example/abcd-efgh-jkmn?${'x'.repeat(4096)}`],
  ])('rejects garbage: %s', (_, input) => {
    expect(parseRoomCode(input)).toBeNull();
  });
});
