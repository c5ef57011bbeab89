/** Maps each event name to the arguments its listeners receive. */
export type EventMap = { [event: string]: unknown[] };

/** A small typed event emitter: one events map per class, listeners typed by event. */
export class Emitter<Events extends EventMap> {
  private readonly listeners: { [E in keyof Events]?: Set<(...args: Events[E]) => void> } = {};

  /** Adds a listener; returns the function that removes it. */
  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
    const set = (this.listeners[event] ??= new Set());
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  protected emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    for (const listener of [...(this.listeners[event] ?? [])]) listener(...args);
  }

  protected removeAllListeners(): void {
    for (const key of Object.keys(this.listeners) as (keyof Events)[]) delete this.listeners[key];
  }
}
