/**
 * Messages on the peer-to-peer control channel (lib/webrtc/channels.ts). They
 * come straight from another browser, so every one is validated here before
 * use, with zod/mini (tree-shakable: only the checks used here reach the room
 * page). Messages carry no display names: a person's name comes from the
 * signaling server, already cleaned there.
 */
import * as z from 'zod/mini';

/** The reactions people can send; anything else from a peer is dropped. */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '👏', '🎉'] as const;
export type Reaction = (typeof REACTIONS)[number];

// Written out (not inferred) for docs/protocol.md, whose generator reads this
// union and its comments; the unit test checks it equals the schema's output.
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

/** A whole number from 0 up to Number.MAX_SAFE_INTEGER. */
const count = z.int().check(z.nonnegative());
const transferId = z.string().check(z.regex(/^[a-z0-9]{8,32}$/));
const fileMessage = <T extends string>(t: T) => z.object({ t: z.literal(t), id: transferId });

/** Every control message; unknown keys are dropped from what it returns. */
export const peerMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('hand'), at: z.nullable(count) }),
  z.object({ t: z.literal('reaction'), emoji: z.enum(REACTIONS) }),
  z.object({
    t: z.literal('file-offer'),
    id: transferId,
    name: z.string().check(z.minLength(1), z.maxLength(1024)),
    size: count,
    mime: z.string().check(z.maxLength(255)),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  }),
  fileMessage('file-accept'),
  fileMessage('file-decline'),
  fileMessage('file-cancel'),
  z.extend(fileMessage('file-result'), { ok: z.boolean() }),
]);

/** The message, or null if it is not one we understand. Extra fields are dropped. */
export function parsePeerMessage(raw: unknown): PeerMessage | null {
  const result = peerMessageSchema.safeParse(raw);
  return result.success ? result.data : null;
}
