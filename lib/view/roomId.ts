import { ROOM_ALPHABET, ROOM_ID_PATTERN } from '@/lib/protocol/limits';

/** A readable, unguessable room id: 12 symbols of a 32-letter alphabet (60 bits). */
export function generateRoomId(random: (bytes: Uint8Array) => Uint8Array = defaultRandom): string {
  const bytes = random(new Uint8Array(12));
  let id = '';
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) id += '-';
    id += ROOM_ALPHABET[bytes[i] & 31];
  }
  return id;
}

function defaultRandom(bytes: Uint8Array): Uint8Array {
  return globalThis.crypto.getRandomValues(bytes);
}

export function isRoomId(value: string): boolean {
  return ROOM_ID_PATTERN.test(value);
}

/**
 * Reads what a person typed or pasted: a bare code ("abcd-efgh-jkmn", any case,
 * spaces or no dashes) or a full link whose last path segment is the code.
 * Returns the canonical room id, or null when it is not one.
 */
export function parseRoomCode(input: string): string | null {
  const text = input.trim();
  if (!text || text.length > 2048) return null;
  let candidate = text;
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text);
      const segments = url.pathname.split('/').filter(Boolean);
      if (segments.length !== 1) return null;
      candidate = decodeURIComponent(segments[0]);
    } catch {
      return null;
    }
  }
  const compact = candidate.toLowerCase().replace(/[\s-]/g, '');
  if (compact.length !== 12) return null;
  const id = `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
  return isRoomId(id) ? id : null;
}
