import { randomBytes } from 'node:crypto';

/**
 * A participant id that sorts by when it was made: 9 base-36 digits of the
 * clock, then 72 random bits. A newcomer's id is greater than every member's,
 * so the id-chosen polite side of each connection ("greater id is polite") is
 * the newcomer, whose transceivers survive a rollback. A member's first offer
 * is never the one rolled back: in Chromium 156 rolling back an answerer's
 * first offer stops its receivers for good (w3c/webrtc-pc#3081).
 */
export function newParticipantId(now = Date.now()): string {
  return now.toString(36).padStart(9, '0') + randomBytes(9).toString('base64url');
}
