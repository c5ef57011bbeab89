import { describe, expect, it } from 'vitest';
import { parsePinKey, personPinKey, screenPinKey } from '@/lib/view/pinKey';

describe('pin keys', () => {
  it('a person is pinned by their participant id, a share by "screen:<id>"', () => {
    expect(personPinKey('p-123')).toBe('p-123');
    expect(screenPinKey('p-123')).toBe('screen:p-123');
  });

  it('reads back what it built', () => {
    expect(parsePinKey(personPinKey('p-123'))).toEqual({ kind: 'person', id: 'p-123' });
    expect(parsePinKey(screenPinKey('p-123'))).toEqual({ kind: 'screen', id: 'p-123' });
  });

  it('keeps a share and the same person’s camera apart', () => {
    expect(screenPinKey('x')).not.toBe(personPinKey('x'));
  });
});
