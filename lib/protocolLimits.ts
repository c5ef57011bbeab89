/**
 * The protocol's plain constants, free of zod: the browser imports these
 * without the schema library (lib/protocol.ts re-exports them for the server).
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

/** 32 symbols, no l / o, so a code read aloud is unambiguous; 12 symbols = 60 bits. */
export const ROOM_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const ROOM_ID_PATTERN = /^[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}-[a-km-np-z2-9]{4}$/;

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
