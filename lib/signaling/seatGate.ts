/**
 * Room-scoped messages (ICE, offers, media state, SFU requests) mean something
 * only once this connection holds our seat. After a blip, socket.io connects
 * again and would send what it buffered before our room-enter resumes the
 * seat, so the server refused it ("enter a room first") and it was lost. The
 * gate holds such messages from the moment the link drops until the seat is
 * ours again, then sends them in order; a new seat (not resumed) drops them,
 * since they were meant for connections that no longer exist.
 */
export class SeatGate {
  /** A gate that is open from the start (a link that is never resumed, e.g. in tests). */
  static seated(): SeatGate {
    const gate = new SeatGate();
    gate.seated = true;
    return gate;
  }

  private seated = false;
  private queue: (() => void)[] = [];
  private readonly waiters = new Set<() => void>();

  get isOpen(): boolean {
    return this.seated;
  }

  /** The link dropped: hold room messages from now on. */
  close(): void {
    this.seated = false;
  }

  /** We hold a seat on this connection; `resumed`: the same seat as before, so send what waited. */
  open(resumed: boolean): void {
    if (!resumed) this.queue = [];
    this.seated = true;
    for (const send of this.queue.splice(0)) send();
    for (const wake of [...this.waiters]) wake();
  }

  /** Runs `send` now if seated, else once the seat is back. */
  run(send: () => void): void {
    if (this.seated) send();
    else this.queue.push(send);
  }

  /** Resolves when seated; rejects after `timeoutMs` without a seat. */
  whenOpen(timeoutMs: number): Promise<void> {
    if (this.seated) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error('not connected to the meeting'));
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }
}
