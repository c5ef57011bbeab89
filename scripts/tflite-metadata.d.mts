// Types for tflite-metadata.mjs, so TypeScript callers (tests) type-check.

export interface ImageModelMetadataOptions {
  name: string;
  /** Per channel (or one for all): the input is (value - mean) / std. */
  mean: number[];
  std: number[];
  /** The output tensor's name. */
  output?: string;
}

/** A ModelMetadata flatbuffer (identifier M001) for one RGB image input and one output. */
export function imageModelMetadata(options: ImageModelMetadataOptions): Uint8Array;

/** The model's metadata entries: name and the bytes of the buffer each names. */
export function modelMetadata(model: Uint8Array): { name: string; data: Uint8Array }[];

/** `model` with `metadata` as its TFLITE_METADATA entry; throws when it has one already. */
export function withMetadata(model: Uint8Array, metadata: Uint8Array): Uint8Array;
