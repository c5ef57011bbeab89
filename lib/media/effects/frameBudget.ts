/**
 * Whether a video effect keeps up with the camera: the median frame time over
 * the last ~2 s must stay within the camera's frame interval. It is judged
 * only after a warm-up, and only a sustained overrun counts.
 */
export class FrameBudget {
  private readonly times: number[] = [];
  private readonly window: number;
  private readonly budgetMs: number;
  private over = 0;
  private seen = 0;

  constructor(
    frameRate: number,
    /** Frames ignored at the start (model warm-up, first compiles). */
    private readonly warmup = 10,
    /** Frames averaged (default: ~2 s of frames); an overrun must last as long again. */
    window?: number,
  ) {
    const fps = Math.max(5, Math.min(frameRate || 24, 30));
    this.budgetMs = 1000 / fps;
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

  /** Adds one frame's time; true when the effect should give up. */
  add(ms: number): boolean {
    this.seen++;
    if (this.seen <= this.warmup) return false;
    this.times.push(ms);
    if (this.times.length > this.window) this.times.shift();
    if (this.times.length < this.window) return false;
    this.over = this.median > this.budgetMs ? this.over + 1 : 0;
    // Over budget for another full window in a row: ~2 s more.
    return this.over >= this.window;
  }
}
