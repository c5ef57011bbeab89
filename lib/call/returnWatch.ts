/**
 * After a reconnect, people the server does not list yet may simply not be
 * back yet (a server restart): each gets `graceMs` to reappear before
 * `onGone` removes them.
 */
export class ReturnWatch {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly graceMs: number,
    private readonly onGone: (id: string) => void,
  ) {}

  wait(id: string): void {
    if (this.timers.has(id)) return;
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        this.onGone(id);
      }, this.graceMs),
    );
  }

  /** They are back (or left for good): stop waiting. */
  confirm(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
