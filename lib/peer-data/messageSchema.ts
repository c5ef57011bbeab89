/**
 * The validation of control-channel messages (messages.ts has their types),
 * with zod/mini. Loaded with import() by PeerData, so neither the schema nor
 * zod is part of the room page's first load.
 */
import * as z from 'zod/mini';
import { REACTIONS, type PeerMessage } from './messages';

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
