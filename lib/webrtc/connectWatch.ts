/**
 * Watches that a connection to one participant gets connected, and escalates
 * when it does not: a fresh offer first, then a brand-new RTCPeerConnection,
 * then giving up (the UI says "Could not connect to NAME" and offers a retry).
 *
 * A step comes when the deadline passes without `connected()`, or at once when
 * the negotiation visibly failed (`fail()`: an offer or answer was refused).
 * It outlives the Peer it watches, because one of its steps replaces the Peer.
 */
export type ConnectStep = 'reoffer' | 'recreate' | 'give-up';

const STEPS: readonly ConnectStep[] = ['reoffer', 'recreate', 'give-up'];

/** Per step: a 6-person mesh on 2 cores connects in well under this (TESTING.md). */
export const CONNECT_STEP_MS = 12_000;

export class ConnectWatch {
  private next = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private done = false;
  private up = false;
  /** While connected, a refused renegotiation (e.g. a screen share) is offered again once. */
  private reofferedWhileUp = false;

  constructor(
    private readonly onStep: (step: ConnectStep) => void,
    private readonly stepMs = CONNECT_STEP_MS,
  ) {
    this.arm();
  }

  /** Whether the watch ran out of steps (and is waiting for a manual retry). */
  get gaveUp(): boolean {
    return this.next >= STEPS.length;
  }

  /** The connection is up: nothing more to watch until `restart()`. */
  connected(): void {
    this.clear();
    this.next = 0;
    this.up = true;
    this.reofferedWhileUp = false;
  }

  /** The negotiation failed visibly: take the next step now. */
  fail(): void {
    if (this.done || this.gaveUp) return;
    if (this.up) {
      if (this.reofferedWhileUp) return;
      this.reofferedWhileUp = true;
      this.onStep('reoffer');
      return;
    }
    this.step();
  }

  /** Start over from the first step (a manual retry, a new connection). */
  restart(): void {
    if (this.done) return;
    this.next = 0;
    this.up = false;
    this.arm();
  }

  /** The other side gave up: wait for a manual retry. */
  abandon(): void {
    this.clear();
    this.next = STEPS.length;
  }

  stop(): void {
    this.done = true;
    this.clear();
  }

  private step(): void {
    this.clear();
    const step = STEPS[this.next];
    this.next += 1;
    if (!this.gaveUp) this.arm();
    this.onStep(step);
  }

  private arm(): void {
    this.clear();
    if (this.done) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.step();
    }, this.stepMs);
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
