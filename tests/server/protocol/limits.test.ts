/**
 * lib/protocol/limits.ts: the zod-free part of the protocol. cleanDisplayName
 * is the one display-name cleaning, and the zod schema uses exactly it.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayNameSchema } from '@/lib/protocol';
import { cleanDisplayName, ErrorCode, LIMITS } from '@/lib/protocol/limits';

describe('cleanDisplayName', () => {
  it.each([
    ['  Ann  ', 'Ann'],
    ['Ann \t\n Lee', 'Ann Lee'],
    ['Ann\u2028Lee', 'Ann Lee'],
    ['A\u200bn\u202en\u0007', 'Ann'],
    ['\u0000\u200f', ''],
    ['Zoë 李 ✓', 'Zoë 李 ✓'],
  ])('%j -> %j', (raw, clean) => {
    expect(cleanDisplayName(raw)).toBe(clean);
  });

  it('never cuts: the length limit is the caller’s', () => {
    const long = 'x'.repeat(LIMITS.displayName + 10);
    expect(cleanDisplayName(long)).toBe(long);
  });

  it('is what displayNameSchema accepts and returns', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: LIMITS.displayName * 2 }), (raw) => {
        const parsed = displayNameSchema.safeParse(raw);
        const clean = cleanDisplayName(raw);
        const fits = clean.length >= 1 && clean.length <= LIMITS.displayName;
        expect(parsed.success).toBe(fits);
        if (parsed.success) expect(parsed.data).toBe(clean);
        expect(cleanDisplayName(clean)).toBe(clean); // idempotent
      }),
    );
  });
});

describe('lib/protocol/limits.ts', () => {
  it('imports nothing, so the browser can take it without zod', () => {
    const source = readFileSync(
      new URL('../../../lib/protocol/limits.ts', import.meta.url),
      'utf8',
    );
    expect(source).not.toMatch(/^\s*import\b/m);
    expect(source).not.toMatch(/\brequire\(/);
  });

  it('keeps the wire error codes', () => {
    expect(Object.values(ErrorCode)).toEqual([
      'bad-request',
      'not-in-room',
      'already-in-room',
      'room-full',
      'unknown-peer',
      'rate-limited',
      'not-host',
      'room-locked',
      'passcode-required',
      'passcode-wrong',
      'removed',
      'internal',
    ]);
  });
});
