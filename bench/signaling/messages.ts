/** IPC between the signaling benchmark and its children (servers and bot processes). */

/** A server child tells its parent where it listens. */
export interface ServerReady {
  type: 'ready';
  port: number;
}

export interface BotPlan {
  url: string;
  /** Rooms this bot process fills, each with `roomSize` clients. */
  rooms: string[];
  roomSize: number;
  /** Room entries per second this process makes. */
  enterRate: number;
  /** ICE candidates each side sends per connection made. */
  candidatesPerPeer: number;
}

export type BotCommand =
  | { type: 'connect'; plan: BotPlan }
  | { type: 'enter' }
  /** Every client sends `perClientRate` ice messages per second to its room-mates for `seconds`. */
  | { type: 'steady'; seconds: number; perClientRate: number }
  | { type: 'close' };

export type BotReply =
  | { type: 'connected'; clients: number; failed: number; ms: number }
  | {
      type: 'entered';
      enterMs: number[];
      relayMs: number[];
      errors: number;
      /** Relayed messages sent that never arrived within the settle time. */
      lost: number;
    }
  | { type: 'steady-done'; relayMs: number[]; sent: number; received: number; seconds: number }
  | { type: 'closed' };
