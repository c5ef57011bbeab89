/**
 * Messages on the peer-to-peer control channel (channels.ts). They come
 * straight from another browser, so every one is validated here before use.
 */
import { z } from 'zod';

/** The reactions people can send; anything else from a peer is dropped. */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '👏', '🎉'] as const;
export type Reaction = (typeof REACTIONS)[number];

const transferId = z.string().regex(/^[a-z0-9]{8,32}$/);

export const PeerMessageSchema = z.discriminatedUnion('t', [
  /** The sender's hand, raised at `at` (sender's clock, ms since epoch) or lowered (null). */
  z.object({ t: z.literal('hand'), at: z.number().int().nonnegative().nullable() }),
  z.object({ t: z.literal('reaction'), emoji: z.enum(REACTIONS) }),
  z.object({
    t: z.literal('file-offer'),
    id: transferId,
    name: z.string().min(1).max(1024),
    size: z.number().int().nonnegative(),
    mime: z.string().max(255),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** Receiver to sender: send me the bytes. */
  z.object({ t: z.literal('file-accept'), id: transferId }),
  /** Receiver to sender: no thanks. */
  z.object({ t: z.literal('file-decline'), id: transferId }),
  /** Either side: stop this transfer (sender cancelled, or receiver gave up). */
  z.object({ t: z.literal('file-cancel'), id: transferId }),
  /** Receiver to sender: every byte arrived and the hash matched (ok) or not. */
  z.object({ t: z.literal('file-result'), id: transferId, ok: z.boolean() }),
]);

export type PeerMessage = z.infer<typeof PeerMessageSchema>;

/** The message, or null if it is not one we understand. */
export function parsePeerMessage(raw: unknown): PeerMessage | null {
  const result = PeerMessageSchema.safeParse(raw);
  return result.success ? result.data : null;
}
