import { createHmac } from 'node:crypto';

/** A Janus room's credentials: `secret` edits or destroys it, `pin` joins it. */
export interface RoomCredentials {
  secret: string;
  pin: string;
}

/**
 * Derives a room's Janus credentials from the server's secret, so every Parley
 * node computes the same ones and nothing needs storing. Clients never see them.
 */
export function roomCredentials(serverSecret: string, roomId: string): RoomCredentials {
  const derive = (purpose: string) =>
    createHmac('sha256', serverSecret).update(`parley-janus-${purpose}:${roomId}`).digest('hex');
  return { secret: derive('secret'), pin: derive('pin') };
}
