import type { PeerMessage, Reaction } from './messages';
import type { RoomStore } from '@/lib/store';
import { TokenBucket } from '@/lib/util/tokenBucket';

export type HandOrReaction = Extract<PeerMessage, { t: 'hand' | 'reaction' }>;

/** How long a reaction floats over a tile. */
export const REACTION_MS = 4000;
/** Reactions: a burst of this many, then one per REFILL_MS (sender and receiver both enforce it). */
export const REACTION_BURST = 4;
export const REACTION_REFILL_MS = 1000;

export interface HandsAndReactionsOptions {
  store: RoomStore;
  selfId: string;
  broadcast(message: HandOrReaction): void;
  sendTo(id: string, message: HandOrReaction): void;
  now?: () => number;
}

let nextReaction = 1;

/**
 * Raised hands and reactions, peer to peer over the control channel. A hand
 * carries the time it went up (the raiser's clock), so everyone sorts the
 * same list the same way; a newly connected peer is told our hand on open.
 */
export class HandsAndReactions {
  private raisedAt: number | null = null;
  private readonly own: TokenBucket;
  private readonly theirs = new Map<string, TokenBucket>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly now: () => number;

  constructor(private readonly options: HandsAndReactionsOptions) {
    this.now = options.now ?? Date.now;
    this.own = new TokenBucket(REACTION_BURST, 1000 / REACTION_REFILL_MS, this.now);
  }

  get handRaised(): boolean {
    return this.raisedAt !== null;
  }

  setHand(raised: boolean): void {
    if (raised === this.handRaised) return;
    this.raisedAt = raised ? Math.floor(this.now()) : null;
    this.options.store.getState().setHand(this.options.selfId, this.raisedAt);
    this.options.broadcast({ t: 'hand', at: this.raisedAt });
  }

  /** Sends a reaction to everyone; false when rate-limited. */
  react(emoji: Reaction): boolean {
    if (!this.own.take()) return false;
    this.show(this.options.selfId, emoji);
    this.options.broadcast({ t: 'reaction', emoji });
    return true;
  }

  handleMessage(from: string, message: HandOrReaction): void {
    if (!this.options.store.getState().participants[from]) return;
    if (message.t === 'hand') {
      this.options.store.getState().setHand(from, message.at);
      return;
    }
    let limiter = this.theirs.get(from);
    if (!limiter) {
      limiter = new TokenBucket(REACTION_BURST, 1000 / REACTION_REFILL_MS, this.now);
      this.theirs.set(from, limiter);
    }
    if (limiter.take()) this.show(from, message.emoji);
  }

  /** A peer's channels opened (new joiner, or reconnected): tell them our hand. */
  peerConnected(id: string): void {
    if (this.raisedAt !== null) this.options.sendTo(id, { t: 'hand', at: this.raisedAt });
  }

  peerGone(id: string): void {
    this.theirs.delete(id);
    this.options.store.getState().setHand(id, null);
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private show(from: string, emoji: Reaction): void {
    const key = nextReaction++;
    this.options.store.getState().addReaction({ key, from, emoji });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.options.store.getState().removeReaction(key);
    }, REACTION_MS);
    this.timers.add(timer);
  }
}
