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
