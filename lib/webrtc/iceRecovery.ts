import { Emitter } from '@/lib/util/emitter';

export const RELAY_REFUSED =
  'The relay server (TURN) refused our credentials, so no connection can be made.';
export const NO_PATH =
  'No network path could be found (a TURN relay may be needed between your networks).';

export type IceRecoveryEvents = {
  /** Why the connection cannot be made, in words for people; null once it works again. */
  problem: [reason: string | null];
};

export interface IceRecoveryOptions {
  maxRestarts?: number;
  /** How long `disconnected` may last before ICE restarts (it often recovers by itself). */
  disconnectedGraceMs?: number;
  /**
   * The polite side waits this much longer, so both sides seldom restart at
   * once: the impolite side's restart offer usually arrives first.
   */
  politeExtraDelayMs?: number;
}

/**
 * Keeps one connection alive: `failed` restarts ICE at once, `disconnected`
 * after a grace, each further try after an exponential backoff (1, 2, 4, 8 s),
 * up to `maxRestarts`; then it says why the peer cannot be reached.
 */
export class IceRecovery extends Emitter<IceRecoveryEvents> {
  private restarts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private relayRefused = false;
  private stopped = false;
  private readonly maxRestarts: number;
  private readonly graceMs: number;
  private readonly extraMs: number;

  constructor(
    private readonly pc: RTCPeerConnection,
    polite: boolean,
    options: IceRecoveryOptions = {},
  ) {
    super();
    this.maxRestarts = options.maxRestarts ?? 5;
    this.graceMs = options.disconnectedGraceMs ?? 3000;
    this.extraMs = polite ? (options.politeExtraDelayMs ?? 2000) : 0;
  }

  /** Call on every connectionstatechange. */
  onConnectionState(state: RTCPeerConnectionState): void {
    if (state === 'connected') {
      if (this.restarts > 0 || this.relayRefused) this.emit('problem', null);
      this.restarts = 0;
      this.clearTimer();
    } else if (state === 'failed') {
      this.schedule(0);
    } else if (state === 'disconnected') {
      this.schedule(this.graceMs);
    }
  }

  /** A TURN server answering 401 means our credentials are wrong or expired: say so. */
  onCandidateError(errorCode: number): void {
    if (errorCode !== 401 || this.relayRefused) return;
    this.relayRefused = true;
    if (this.pc.connectionState !== 'connected') this.emit('problem', RELAY_REFUSED);
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.removeAllListeners();
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.timer) return;
    if (this.restarts >= this.maxRestarts) {
      this.emit('problem', this.relayRefused ? RELAY_REFUSED : NO_PATH);
      return;
    }
    const backoff = delayMs + this.extraMs + Math.min(8000, 1000 * 2 ** this.restarts) - 1000;
    this.timer = setTimeout(() => {
      this.timer = null;
      const state = this.pc.connectionState;
      if (this.stopped || (state !== 'failed' && state !== 'disconnected')) return;
      this.restarts += 1;
      this.pc.restartIce();
      // If this restart does not help either, try again after the backoff.
      this.schedule(this.graceMs);
    }, backoff);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
