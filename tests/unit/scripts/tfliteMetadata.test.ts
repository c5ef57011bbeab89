import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { imageModelMetadata, modelMetadata, withMetadata } from '@/scripts/tflite-metadata.mjs';

const MODEL = join(
  process.cwd(),
  'node_modules/@mediapipe/selfie_segmentation/selfie_segmentation_landscape.tflite',
);

/** A minimal flatbuffer reader: enough to follow the metadata's tables. */
function reader(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const follow = (at: number) => at + view.getUint32(at, true);
  const field = (table: number, slot: number) => {
    const vtable = table - view.getInt32(table, true);
    const offset =
      4 + 2 * slot < view.getUint16(vtable, true) ? view.getUint16(vtable + 4 + 2 * slot, true) : 0;
    return offset ? table + offset : null;
  };
  const api = {
    root: () => follow(0),
    identifier: () => new TextDecoder().decode(bytes.subarray(4, 8)),
    table: (table: number, slot: number) => {
      const at = field(table, slot);
      if (at === null) throw new Error(`no field ${slot}`);
      return follow(at);
    },
    u8: (table: number, slot: number) => {
      const at = field(table, slot);
      return at === null ? 0 : view.getUint8(at);
    },
    has: (table: number, slot: number) => field(table, slot) !== null,
    string: (table: number, slot: number) => {
      const at = api.table(table, slot);
      return new TextDecoder().decode(bytes.subarray(at + 4, at + 4 + view.getUint32(at, true)));
    },
    vector: (table: number, slot: number) => {
      const at = api.table(table, slot);
      return Array.from({ length: view.getUint32(at, true) }, (_, i) => follow(at + 4 + 4 * i));
    },
    floats: (table: number, slot: number) => {
      const at = api.table(table, slot);
      return Array.from({ length: view.getUint32(at, true) }, (_, i) =>
        view.getFloat32(at + 4 + 4 * i, true),
      );
    },
  };
  return api;
}

describe('imageModelMetadata', () => {
  test('writes the schema fields MediaPipe reads: RGB image input normalized by mean and std', () => {
    const bytes = imageModelMetadata({ name: 'segmenter', mean: [0], std: [255] });
    const r = reader(bytes);
    expect(r.identifier()).toBe('M001');
    const root = r.root();
    expect(r.string(root, 0)).toBe('segmenter'); // name
    expect(r.string(root, 7)).toBe('1.0.0'); // min_parser_version
    const [subgraph] = r.vector(root, 3); // subgraph_metadata
    const [input] = r.vector(subgraph, 2); // input_tensor_metadata
    const [output] = r.vector(subgraph, 3); // output_tensor_metadata
    expect(r.string(input, 0)).toBe('image');
    expect(r.string(output, 0)).toBe('segmentation');
    const content = r.table(input, 3);
    expect(r.u8(content, 0)).toBe(2); // ContentProperties.ImageProperties
    expect(r.u8(r.table(content, 1), 0)).toBe(1); // ColorSpaceType.RGB
    const [unit] = r.vector(input, 4); // process_units
    expect(r.u8(unit, 0)).toBe(1); // ProcessUnitOptions.NormalizationOptions
    const normalization = r.table(unit, 1);
    expect(r.floats(normalization, 0)).toEqual([0]);
    expect(r.floats(normalization, 1)).toEqual([255]);
  });
});

describe('withMetadata', () => {
  const model = new Uint8Array(readFileSync(MODEL));
  const metadata = imageModelMetadata({ name: 'segmenter', mean: [0], std: [255] });

  test('the legacy selfie segmentation model has none; afterwards it has exactly ours', () => {
    expect(modelMetadata(model).map((m) => m.name)).not.toContain('TFLITE_METADATA');
    const out = withMetadata(model, metadata);
    const entries = modelMetadata(out);
    const entry = entries.find((m) => m.name === 'TFLITE_METADATA');
    expect(entry && Array.from(entry.data)).toEqual(Array.from(metadata));
    expect(entries.length).toBe(modelMetadata(model).length + 1);
  });

  test('the old model follows unchanged and 16-aligned; the new root keeps its tables', () => {
    const out = withMetadata(model, metadata);
    const shift = out.length - model.length;
    expect(shift % 16).toBe(0);
    expect(Buffer.compare(Buffer.from(out.subarray(shift)), Buffer.from(model))).toBe(0);
    expect(new TextDecoder().decode(out.subarray(4, 8))).toBe('TFL3');
    const before = reader(model);
    const after = reader(out);
    // version, operator_codes, subgraphs: the same objects, moved by the shift.
    expect(after.has(after.root(), 0)).toBe(before.has(before.root(), 0));
    for (const slot of [1, 2])
      expect(after.table(after.root(), slot)).toBe(before.table(before.root(), slot) + shift);
    // buffers: the old ones, then the metadata's.
    const oldBuffers = before.vector(before.root(), 4);
    const newBuffers = after.vector(after.root(), 4);
    expect(newBuffers.slice(0, -1)).toEqual(oldBuffers.map((at) => at + shift));
    expect(newBuffers.length).toBe(oldBuffers.length + 1);
  });

  test('refuses a model that has metadata already', () => {
    const out = withMetadata(model, metadata);
    expect(() => withMetadata(out, metadata)).toThrow(/already/);
  });
});
