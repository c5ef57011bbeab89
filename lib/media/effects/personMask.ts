/**
 * The person mask as the blur draws it, made from the segmentation model's
 * per-pixel confidence: smoothed over time (the model flickers at the
 * person's edge from one frame to the next) and with a soft edge (a band of
 * confidence maps onto 0..255 alpha instead of a hard threshold).
 */
export interface PersonMaskOptions {
  /** Weight of the newest confidence in the running mask, 0..1 (1 = no smoothing). */
  newWeight: number;
  /** Confidence below this is background (alpha 0)... */
  low: number;
  /** ...above this is person (alpha 255); in between a smooth ramp. */
  high: number;
}

export const DEFAULT_PERSON_MASK: PersonMaskOptions = { newWeight: 0.7, low: 0.3, high: 0.75 };

/** Smoothstep of x between low and high, 0..1. */
export function edgeRamp(x: number, low: number, high: number): number {
  const t = Math.min(1, Math.max(0, (x - low) / (high - low)));
  return t * t * (3 - 2 * t);
}

export class PersonMask {
  private smoothed: Float32Array | null = null;

  constructor(private readonly options: PersonMaskOptions = DEFAULT_PERSON_MASK) {}

  /**
   * Folds one mask of the model's confidences (0..1, row-major) into the
   * running mask and returns it as RGBA pixels: white, alpha = person.
   * A mask of another size restarts the smoothing.
   */
  update(confidence: Float32Array): Uint8ClampedArray<ArrayBuffer> {
    const { newWeight, low, high } = this.options;
    const previous = this.smoothed?.length === confidence.length ? this.smoothed : null;
    const smoothed = previous ?? new Float32Array(confidence.length);
    const rgba = new Uint8ClampedArray(confidence.length * 4);
    for (let i = 0; i < confidence.length; i++) {
      const value = previous
        ? previous[i] + newWeight * (confidence[i] - previous[i])
        : confidence[i];
      smoothed[i] = value;
      const o = i * 4;
      rgba[o] = 255;
      rgba[o + 1] = 255;
      rgba[o + 2] = 255;
      rgba[o + 3] = Math.round(255 * edgeRamp(value, low, high));
    }
    this.smoothed = smoothed;
    return rgba;
  }

  reset(): void {
    this.smoothed = null;
  }
}
