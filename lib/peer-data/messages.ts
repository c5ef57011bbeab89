/**
 * Messages on the peer-to-peer control channel (lib/webrtc/channels.ts): their
 * types. They come straight from another browser, so every one is validated
 * before use by parsePeerMessage (messageSchema.ts, zod/mini), which PeerData
 * loads on demand to keep the schema library out of the room page's first
 * load. Messages carry no display names: a person's name comes from the
 * signaling server, already cleaned there.
 */

/** The reactions people can send; anything else from a peer is dropped. */
export const REACTIONS = ['👍', '❤️', '😂', '😮', '👏', '🎉'] as const;
export type Reaction = (typeof REACTIONS)[number];

// Written out (not inferred) for docs/protocol.md, whose generator reads this
// union and its comments; a unit test checks it equals the schema's output.
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
