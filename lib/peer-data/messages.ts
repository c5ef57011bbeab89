/**
 * Messages on the peer-to-peer control channel (channels.ts). They come
 * straight from another browser, so every one is validated here before use.
 * Hand-written checks rather than zod: this runs in the room page, which
 * keeps zod out of its bundle (see lib/protocolLimits.ts).
 */

/** The reactions people can send; anything else from a peer is dropped. */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '👏', '🎉'] as const;
export type Reaction = (typeof REACTIONS)[number];

export type PeerMessage =
  /** The sender's hand, raised at `at` (sender's clock, ms since epoch) or lowered (null). */
  | { t: 'hand'; at: number | null }
  | { t: 'reaction'; emoji: Reaction }
  | { t: 'file-offer'; id: string; name: string; size: number; mime: string; sha256: string }
  /** Receiver to sender: send me the bytes. */
  | { t: 'file-accept'; id: string }
  /** Receiver to sender: no thanks. */
  | { t: 'file-decline'; id: string }
  /** Either side: stop this transfer (sender cancelled, or receiver gave up). */
  | { t: 'file-cancel'; id: string }
  /** Receiver to sender: every byte arrived and the hash matched (ok) or not. */
  | { t: 'file-result'; id: string; ok: boolean };

const TRANSFER_ID = /^[a-z0-9]{8,32}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isText = (v: unknown, max: number, min = 0): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;

/** The message, or null if it is not one we understand. Extra fields are dropped. */
export function parsePeerMessage(raw: unknown): PeerMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  switch (m.t) {
    case 'hand':
      return m.at === null || isCount(m.at) ? { t: 'hand', at: m.at } : null;
    case 'reaction':
      return REACTIONS.includes(m.emoji as Reaction)
        ? { t: 'reaction', emoji: m.emoji as Reaction }
        : null;
  }
  if (typeof m.id !== 'string' || !TRANSFER_ID.test(m.id)) return null;
  const id = m.id;
  switch (m.t) {
    case 'file-offer':
      if (!isText(m.name, 1024, 1) || !isCount(m.size) || !isText(m.mime, 255)) return null;
      if (typeof m.sha256 !== 'string' || !SHA256_HEX.test(m.sha256)) return null;
      return { t: 'file-offer', id, name: m.name, size: m.size, mime: m.mime, sha256: m.sha256 };
    case 'file-accept':
    case 'file-decline':
    case 'file-cancel':
      return { t: m.t, id };
    case 'file-result':
      return typeof m.ok === 'boolean' ? { t: 'file-result', id, ok: m.ok } : null;
    default:
      return null;
  }
}
