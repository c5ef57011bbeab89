/**
 * Whether a video effect keeps up with the camera, judged on what goes out:
 * over the last ~2 s of frames, the median time to make a frame must stay
 * within the camera's frame interval, and no more than a quarter of the
 * camera's frames may be skipped (the page too busy to make them). It is
 * judged only after a warm-up, and only a sustained overrun counts.
 */
export class FrameBudget {
  private readonly times: number[] = [];
  private readonly skipped: number[] = [];
  private readonly window: number;
  readonly budgetMs: number;
  private over = 0;
  private seen = 0;

  constructor(
    frameRate: number,
    /** Frames ignored at the start (model warm-up, first compiles). */
    private readonly warmup = 10,
    /** Frames averaged (default: ~2 s of frames); an overrun must last as long again. */
    window?: number,
    /** The time one frame may take (default: the camera's frame interval). */
    budgetMs?: number,
    /** The share of the camera's frames that may be skipped. */
    private readonly maxSkippedShare = 0.25,
  ) {
    const fps = Math.max(5, Math.min(frameRate || 24, 30));
    this.budgetMs = budgetMs ?? 1000 / fps;
    this.window = window ?? Math.max(10, Math.round(fps * 2));
  }

  get average(): number {
    if (this.times.length === 0) return 0;
    return this.times.reduce((a, b) => a + b, 0) / this.times.length;
  }

  /** The median frame time of the window: one slow spike does not move it. */
  get median(): number {
    const sorted = [...this.times].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  }

  /** Of the camera's frames in the window, the share that was skipped. */
  get skippedShare(): number {
    const skipped = this.skipped.reduce((a, b) => a + b, 0);
    const total = skipped + this.times.length;
    return total === 0 ? 0 : skipped / total;
  }

  /**
   * Adds one frame's time and how many camera frames went by unmade since
   * the previous one; true when the effect should give up.
   */
  add(ms: number, skippedBefore = 0): boolean {
    this.seen++;
    if (this.seen <= this.warmup) return false;
    this.times.push(ms);
    this.skipped.push(Math.max(0, skippedBefore));
    if (this.times.length > this.window) {
      this.times.shift();
      this.skipped.shift();
    }
    if (this.times.length < this.window) return false;
    const overrun = this.median > this.budgetMs || this.skippedShare > this.maxSkippedShare;
    this.over = overrun ? this.over + 1 : 0;
    // Over budget for another full window in a row: ~2 s more.
    return this.over >= this.window;
  }
}
