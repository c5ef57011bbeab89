// Condition waits for browser tests: poll until something holds, never sleep
// for a fixed time and hope.

export interface WaitOptions {
  /** Give up after this many milliseconds (default 10 s). */
  timeout?: number;
  /** Milliseconds between the starts of two probes (default 250). */
  interval?: number;
  /** Names the condition in the timeout error. */
  message?: string;
}

type Truthy<T> = Exclude<T, false | null | undefined>;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `probe` every `interval` ms until it returns a value other than
 * false/null/undefined, and resolves with that value. A probe that throws
 * means "not yet": its message becomes the reason given if time runs out, so
 * throw an Error that says what is missing.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeout = 10_000, interval = 250, message = 'condition' }: WaitOptions = {},
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeout;
  let reason = 'it never held';
  for (;;) {
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`probe still running at the deadline (${reason})`)),
          Math.max(deadline - started, 0) + 1_000,
        );
      });
      const value = await Promise.race([Promise.resolve(probe()), expired]);
      if (value !== false && value !== null && value !== undefined) return value as Truthy<T>;
      reason = `probe returned ${String(value)}`;
    } catch (error) {
      reason = describe(error);
    } finally {
      clearTimeout(timer);
    }
    const now = Date.now();
    if (now >= deadline)
      throw new Error(`Timed out after ${timeout} ms waiting for ${message}: ${reason}`);
    await pause(Math.min(Math.max(interval - (now - started), 0), deadline - now));
  }
}
