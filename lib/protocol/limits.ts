/**
 * The protocol's zod-free part: limits, room ids, error codes and display-name
 * cleaning. Browser code imports these from '@/lib/protocol/limits' without
 * pulling the schema library into the page ('@/lib/protocol' re-exports them).
 */
export const LIMITS = {
  displayName: 40,
  chatMessage: 2000,
  /** A Chromium offer with audio, camera and screen share is ~8 KB; leave headroom. */
  sdp: 48 * 1024,
  candidate: 1024,
  /** socket.io's maxHttpBufferSize: one frame, SDP plus envelope. */
  messageBytes: 64 * 1024,
} as const;

/** Host keys, passcodes and admission tokens: lengths the schemas allow. */
export const HOST_LIMITS = {
  hostKey: 128,
  passcode: 64,
  admission: 128,
  /** People waiting in one room's waiting room at once; more knocks are refused. */
  knocks: 50,
} as const;

/** 32 symbols, no l / o, so a code read aloud is unambiguous; 12 symbols = 60 bits. */
export const ROOM_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const ROOM_ID_PATTERN = /^[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}$/;

/**
 * Why the server refused a client event, in `ack.error.code` and
 * `protocol-error`. The message beside a code is for developers; what a person
 * reads is built by the client from the code.
 */
export const ErrorCode = {
  /** The payload does not match the event's schema, or the event is unknown. */
  BadRequest: 'bad-request',
  /** The event needs a room and this connection is in none. */
  NotInRoom: 'not-in-room',
  /** room-enter on a connection that is already in a room (or entering one). */
  AlreadyInRoom: 'already-in-room',
  /** The room holds as many people as the server allows. */
  RoomFull: 'room-full',
  /** The addressed participant is not in the sender's room (or is the sender). */
  UnknownPeer: 'unknown-peer',
  /**
   * Too many events, chat messages, room peeks or entries that found an empty
   * room, or wrong passcodes: slow down. `retryAfterMs` says when to try again.
   */
  RateLimited: 'rate-limited',
  /** A host-only event from a participant whose seat has no host rights. */
  NotHost: 'not-host',
  /** The room is locked: nobody new gets in (hosts with their key and people already seated do). */
  RoomLocked: 'room-locked',
  /** The room has a passcode and room-enter carried none. */
  PasscodeRequired: 'passcode-required',
  /** The passcode given in room-enter is not the room's. */
  PasscodeWrong: 'passcode-wrong',
  /** A host removed this participant, and the room is locked or has its waiting room on. */
  Removed: 'removed',
  /** The server failed; the request may be retried. */
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Why a connection between two browsers is not working, told to the other end
 * so both know (the WebRTC side of the call, not an error of the server's).
 */
export const PeerErrorCode = {
  /** I could not apply your offer or answer: send it again. */
  NegotiationFailed: 'negotiation-failed',
  /** I closed our connection and start a new one: make a fresh one and wait for my offer. */
  ConnectionReset: 'connection-reset',
  /** I gave up connecting to you after retrying. */
  ConnectionFailed: 'connection-failed',
  /** Please start a fresh connection to me (someone clicked "Retry"). */
  RetryRequest: 'retry-request',
} as const;
export type PeerErrorCode = (typeof PeerErrorCode)[keyof typeof PeerErrorCode];

/**
 * Invisible and control characters a display name loses; not the whitespace
 * ones (tab, newline, line separator...): those fold to a space.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A display name as the server keeps it: invisible and control characters
 * dropped, whitespace runs folded to one space, trimmed. The caller checks the
 * length (1..LIMITS.displayName) of the result; this function never cuts.
 */
export function cleanDisplayName(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}
