/**
 * The signaling contract shared by the server and the browser client.
 * Every client-to-server payload has a zod schema here; both sides take their
 * socket.io event types from the maps at the bottom of this file.
 */
import { z } from 'zod';

// Plain constants live in protocolLimits.ts, so browser code that needs only
// them does not pull zod into the page's JavaScript.
import { LIMITS, PeerErrorCode, ROOM_ID_PATTERN } from './protocolLimits';
export { LIMITS, PeerErrorCode, ROOM_ALPHABET, ROOM_ID_PATTERN } from './protocolLimits';

export const ErrorCode = {
  BadRequest: 'bad-request',
  NotInRoom: 'not-in-room',
  AlreadyInRoom: 'already-in-room',
  RoomFull: 'room-full',
  UnknownPeer: 'unknown-peer',
  RateLimited: 'rate-limited',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

export type Ack<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: ProtocolError };

// ---------------------------------------------------------------- schemas

export const roomIdSchema = z
  .string()
  .regex(ROOM_ID_PATTERN, 'room id must look like abcd-efgh-jkmn');
export const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'bad participant id');

/** Trims, folds inner whitespace and control characters; 1..40 characters after that. */
export const displayNameSchema = z
  .string()
  .max(LIMITS.displayName * 4)
  .transform((s) =>
    s
      // Drops invisible and control characters, but not the whitespace ones
      // (tab, newline, line separator...): those fold to a space just below.
      .replace(
        // eslint-disable-next-line no-control-regex
        /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g,
        '',
      )
      .replace(/\s+/g, ' ')
      .trim(),
  )
  .pipe(z.string().min(1, 'display name is empty').max(LIMITS.displayName));

export const mediaStateSchema = z
  .object({ camera: z.boolean(), mic: z.boolean(), screen: z.boolean() })
  .strict();
export type MediaState = z.infer<typeof mediaStateSchema>;

export const roomEnterSchema = z
  .object({
    roomId: roomIdSchema,
    displayName: displayNameSchema,
    media: mediaStateSchema,
    resumeToken: z.string().max(512).optional(),
  })
  .strict();
export type RoomEnter = z.input<typeof roomEnterSchema>;

export const roomPeekSchema = z.object({ roomId: roomIdSchema }).strict();

const sessionDescriptionSchema = <T extends 'offer' | 'answer'>(type: T) =>
  z.object({ type: z.literal(type), sdp: z.string().min(1).max(LIMITS.sdp) }).strict();

export const sdpOfferSchema = z
  .object({ to: participantIdSchema, description: sessionDescriptionSchema('offer') })
  .strict();
export const sdpAnswerSchema = z
  .object({ to: participantIdSchema, description: sessionDescriptionSchema('answer') })
  .strict();

export const iceCandidateSchema = z
  .object({
    candidate: z.string().max(LIMITS.candidate),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .strict();
export const iceSchema = z
  .object({ to: participantIdSchema, candidate: iceCandidateSchema.nullable() })
  .strict();

export const mediaStateUpdateSchema = mediaStateSchema;

export const peerErrorSchema = z
  .object({
    to: participantIdSchema,
    code: z.enum([
      PeerErrorCode.NegotiationFailed,
      PeerErrorCode.ConnectionReset,
      PeerErrorCode.ConnectionFailed,
      PeerErrorCode.RetryRequest,
    ]),
  })
  .strict();

/** A chat message as sent: text only, 1..2000 characters after trimming. */
export const chatSendSchema = z
  .object({
    text: z
      .string()
      .max(LIMITS.chatMessage * 2)
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'message is empty').max(LIMITS.chatMessage)),
  })
  .strict();
export type ChatSend = z.input<typeof chatSendSchema>;

// ---------------------------------------------------------------- payloads

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface PeerInfo {
  id: string;
  displayName: string;
  media: MediaState;
  joinedAt: number;
}

export interface SessionDescription<T extends 'offer' | 'answer'> {
  type: T;
  sdp: string;
}
export type IceCandidate = z.infer<typeof iceCandidateSchema>;

export interface RoomEntered {
  selfId: string;
  resumeToken: string;
  resumed: boolean;
  peers: PeerInfo[];
  iceServers: IceServer[];
  /** Seconds the TURN credentials in iceServers stay valid; null when there are none. */
  iceTtlSeconds: number | null;
  capacity: number;
}

export interface Relayed {
  from: string;
  to: string;
}

export type LeaveReason = 'left' | 'disconnected';

/** A chat message as relayed: id, sender and time are stamped by the server. */
export interface ChatMessage {
  id: string;
  from: string;
  displayName: string;
  text: string;
  sentAt: number;
}

// ---------------------------------------------------------------- event maps

export interface ClientToServerEvents {
  'room-enter': (payload: RoomEnter, ack: (res: Ack<RoomEntered>) => void) => void;
  'room-peek': (
    payload: { roomId: string },
    ack: (res: Ack<{ count: number; capacity: number }>) => void,
  ) => void;
  'room-leave': (ack?: (res: Ack) => void) => void;
  /** Fresh ICE servers (TURN credentials) before the current ones expire. */
  'ice-servers': (
    ack: (res: Ack<{ iceServers: IceServer[]; iceTtlSeconds: number | null }>) => void,
  ) => void;
  'sdp-offer': (
    payload: { to: string; description: SessionDescription<'offer'> },
    ack?: (res: Ack) => void,
  ) => void;
  'sdp-answer': (
    payload: { to: string; description: SessionDescription<'answer'> },
    ack?: (res: Ack) => void,
  ) => void;
  ice: (payload: { to: string; candidate: IceCandidate | null }, ack?: (res: Ack) => void) => void;
  /** Tells one participant that our connection to them is in trouble (see PeerErrorCode). */
  'peer-error': (payload: { to: string; code: PeerErrorCode }, ack?: (res: Ack) => void) => void;
  'media-state': (payload: MediaState, ack?: (res: Ack) => void) => void;
  /** A chat message to everyone in the room (live only, never stored). */
  chat: (payload: ChatSend, ack?: (res: Ack<{ message: ChatMessage }>) => void) => void;
}

export interface ServerToClientEvents {
  'peer-joined': (peer: PeerInfo) => void;
  'peer-left': (payload: { id: string; reason: LeaveReason }) => void;
  'sdp-offer': (payload: Relayed & { description: SessionDescription<'offer'> }) => void;
  'sdp-answer': (payload: Relayed & { description: SessionDescription<'answer'> }) => void;
  ice: (payload: Relayed & { candidate: IceCandidate | null }) => void;
  'peer-error': (payload: Relayed & { code: PeerErrorCode }) => void;
  'media-state': (payload: { from: string; media: MediaState }) => void;
  chat: (message: ChatMessage) => void;
  /** Sent when a client event without an ack callback was refused. */
  'protocol-error': (payload: ProtocolError & { event: string }) => void;
  /** This node is shutting down: the connection closes next; reconnect (to another node). */
  'server-draining': () => void;
}

export type ClientEventName = keyof ClientToServerEvents;

/** Formats the first zod issue as a short human sentence. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const path = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`;
}
