// Gives a .tflite model the TFLite metadata ("TFLITE_METADATA") that
// MediaPipe Tasks' ImageSegmenter needs to feed it: the input image's colour
// space and normalization. MediaPipe's legacy selfie segmentation models (npm
// @mediapipe/selfie_segmentation) ship without it, and Tasks refuses a float
// input whose normalization it does not know. Pure functions on bytes, run at
// build time (copy-effect-assets.mjs); nothing here reaches the browser.
//
// Flatbuffers keep every reference as an offset relative to where it is
// stored, and references point forward. So the old model stays as it is,
// moved 16-aligned behind a new front part: a new root table that reuses the
// old tables, a buffer list with one more buffer (the metadata) and a
// metadata list with the new entry.

import { TextDecoder, TextEncoder } from 'node:util';

const align = (n, to) => Math.ceil(n / to) * to;

/** A flatbuffer writer that lays objects out front to back, each after what refers to it. */
class ForwardWriter {
  constructor() {
    this.bytes = new Uint8Array(1024);
    this.view = new DataView(this.bytes.buffer);
    this.length = 0;
    /** References to objects outside this writer's bytes (the old model), patched by the caller. */
    this.external = [];
  }

  reserve(n) {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  zeros(n) {
    this.reserve(n);
    this.bytes.fill(0, this.length, this.length + n);
    this.length += n;
  }

  padTo(to) {
    this.zeros(align(this.length, to) - this.length);
  }

  u32(value) {
    this.reserve(4);
    this.view.setUint32(this.length, value >>> 0, true);
    this.length += 4;
  }

  raw(bytes) {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Writes a vector's length then its 4-byte items; returns the vector's position. */
  vector(count, item) {
    this.padTo(4);
    const at = this.length;
    this.u32(count);
    const slots = [];
    for (let i = 0; i < count; i++) {
      slots.push(this.length);
      this.u32(0);
    }
    slots.forEach((slot, i) => item(slot, i));
    return at;
  }

  /** Writes `node` (see the constructors below) and returns its position. */
  write(node) {
    switch (node.kind) {
      case 'string': {
        const bytes = new TextEncoder().encode(node.value);
        this.padTo(4);
        const at = this.length;
        this.u32(bytes.length);
        this.raw(bytes);
        this.zeros(1);
        return at;
      }
      case 'bytes': {
        // Buffer.data is force_align 16: the payload (after the length) starts 16-aligned.
        this.padTo(4);
        while ((this.length + 4) % 16 !== 0) this.zeros(4);
        const at = this.length;
        this.u32(node.value.length);
        this.raw(node.value);
        return at;
      }
      case 'floats': {
        this.padTo(4);
        const at = this.length;
        this.u32(node.value.length);
        for (const v of node.value) {
          this.reserve(4);
          this.view.setFloat32(this.length, v, true);
          this.length += 4;
        }
        return at;
      }
      case 'vector':
        return this.vector(node.items.length, (slot, i) => this.refer(slot, node.items[i]));
      case 'table':
        return this.table(node.fields);
      default:
        throw new Error(`unknown flatbuffer node ${node.kind}`);
    }
  }

  table(fields) {
    const layout = [];
    let size = 4; // the table starts with its vtable's offset
    fields.forEach((field, slot) => {
      if (!field) return;
      const width = field.type === 'u8' ? 1 : 4;
      size = align(size, width);
      layout.push({ slot, offset: size, field });
      size += width;
    });
    size = align(size, 4);
    const vtableSize = 4 + 2 * fields.length;
    this.padTo(2);
    if ((this.length + vtableSize) % 4 !== 0) this.zeros(2);
    const vtable = this.length;
    this.reserve(vtableSize);
    this.view.setUint16(this.length, vtableSize, true);
    this.view.setUint16(this.length + 2, size, true);
    for (let slot = 0; slot < fields.length; slot++) {
      const entry = layout.find((l) => l.slot === slot);
      this.view.setUint16(this.length + 4 + 2 * slot, entry ? entry.offset : 0, true);
    }
    this.length += vtableSize;
    const at = this.length;
    this.zeros(size);
    this.view.setInt32(at, at - vtable, true);
    for (const { offset, field } of layout) {
      if (field.type === 'u8') this.view.setUint8(at + offset, field.value);
      else if (field.type === 'u32') this.view.setUint32(at + offset, field.value, true);
    }
    for (const { offset, field } of layout)
      if (field.type === 'ref') this.refer(at + offset, field.node);
    return at;
  }

  /** Stores at `slot` the offset to `node`, writing it now (after the slot: forward). */
  refer(slot, node) {
    if (node.kind === 'external') {
      this.external.push({ slot, target: node.at });
      return;
    }
    const at = this.write(node);
    this.view.setUint32(slot, at - slot, true);
  }

  /** A whole flatbuffer: root offset, file identifier, then the root table. */
  static finish(identifier, root) {
    const w = new ForwardWriter();
    w.u32(0);
    w.raw(new TextEncoder().encode(identifier));
    w.refer(0, root);
    return w;
  }
}

const string = (value) => ({ kind: 'string', value });
const table = (...fields) => ({ kind: 'table', fields });
const vector = (...items) => ({ kind: 'vector', items });
const ref = (node) => ({ type: 'ref', node });
const u8 = (value) => ({ type: 'u8', value });
const u32 = (value) => ({ type: 'u32', value });

// Union type ids and enum values of tensorflow_lite_support/metadata/metadata_schema.fbs.
const IMAGE_PROPERTIES = 2;
const COLOR_RGB = 1;
const NORMALIZATION_OPTIONS = 1;

/**
 * A ModelMetadata flatbuffer (file identifier M001) for a model with one RGB
 * image input, normalized as (value - mean) / std, and one output.
 */
export function imageModelMetadata({ name, mean, std, output = 'segmentation' }) {
  // Field order = the schema's slots; a union takes two (type, value).
  const normalization = table(
    ref({ kind: 'floats', value: mean }),
    ref({ kind: 'floats', value: std }),
  );
  const content = table(u8(IMAGE_PROPERTIES), ref(table(u8(COLOR_RGB))));
  const processUnit = table(u8(NORMALIZATION_OPTIONS), ref(normalization));
  // TensorMetadata: name, description, dimension_names, content, process_units.
  const input = table(
    ref(string('image')),
    undefined,
    undefined,
    ref(content),
    ref(vector(processUnit)),
  );
  const outputTensor = table(ref(string(output)));
  // SubGraphMetadata: name, description, input_tensor_metadata, output_tensor_metadata.
  const subgraph = table(undefined, undefined, ref(vector(input)), ref(vector(outputTensor)));
  // ModelMetadata: name, description, version, subgraph_metadata, author, license,
  // associated_files, min_parser_version.
  const root = table(
    ref(string(name)),
    undefined,
    undefined,
    ref(vector(subgraph)),
    undefined,
    undefined,
    undefined,
    ref(string('1.0.0')),
  );
  const w = ForwardWriter.finish('M001', root);
  return w.bytes.slice(0, w.length);
}

/** The fields of a TFLite Model's root table (tensorflow/lite/schema/schema.fbs). */
function readModel(model) {
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  if (new TextDecoder().decode(model.subarray(4, 8)) !== 'TFL3')
    throw new Error('not a TFLite model');
  const root = view.getUint32(0, true);
  const vtable = root - view.getInt32(root, true);
  const vtableSize = view.getUint16(vtable, true);
  const field = (slot) =>
    4 + 2 * slot < vtableSize ? view.getUint16(vtable + 4 + 2 * slot, true) : 0;
  const target = (slot) => {
    const o = field(slot);
    return o ? root + o + view.getUint32(root + o, true) : null;
  };
  const items = (at) =>
    at === null
      ? []
      : Array.from({ length: view.getUint32(at, true) }, (_, i) => {
          const slot = at + 4 + 4 * i;
          return slot + view.getUint32(slot, true);
        });
  const stringAt = (at) =>
    new TextDecoder().decode(model.subarray(at + 4, at + 4 + view.getUint32(at, true)));
  const metadata = items(target(6)).map((at) => {
    const tableVtable = at - view.getInt32(at, true);
    const nameOffset = view.getUint16(tableVtable + 4, true);
    const bufferOffset = view.getUint16(tableVtable + 6, true);
    return {
      at,
      name: nameOffset ? stringAt(at + nameOffset + view.getUint32(at + nameOffset, true)) : '',
      buffer: bufferOffset ? view.getUint32(at + bufferOffset, true) : 0,
    };
  });
  const buffers = items(target(4));
  const bufferData = (index) => {
    const at = buffers[index];
    const tableVtable = at - view.getInt32(at, true);
    const dataOffset = view.getUint16(tableVtable + 4, true);
    if (!dataOffset) return new Uint8Array(0);
    const data = at + dataOffset + view.getUint32(at + dataOffset, true);
    return model.subarray(data + 4, data + 4 + view.getUint32(data, true));
  };
  return {
    version: field(0) ? view.getUint32(root + field(0), true) : null,
    operatorCodes: target(1),
    subgraphs: target(2),
    description: target(3),
    buffers,
    metadataBuffer: target(5),
    metadata,
    signatureDefs: target(7),
    bufferData,
  };
}

/** The model's metadata entries: name and the bytes of the buffer each names. */
export function modelMetadata(model) {
  const m = readModel(model);
  return m.metadata.map(({ name, buffer }) => ({ name, data: m.bufferData(buffer) }));
}

/**
 * `model` with `metadata` (a ModelMetadata flatbuffer) as its TFLITE_METADATA
 * entry. Throws when the model already has one.
 */
export function withMetadata(model, metadata) {
  const m = readModel(model);
  if (m.metadata.some((entry) => entry.name === 'TFLITE_METADATA'))
    throw new Error('the model already has TFLITE_METADATA');
  const external = (at) => ({ kind: 'external', at });
  const optional = (at) => (at === null ? undefined : ref(external(at)));
  const buffers = vector(
    ...m.buffers.map(external),
    table(ref({ kind: 'bytes', value: metadata })),
  );
  const entries = vector(
    ...m.metadata.map((entry) => external(entry.at)),
    table(ref(string('TFLITE_METADATA')), u32(m.buffers.length)),
  );
  // Model: version, operator_codes, subgraphs, description, buffers,
  // metadata_buffer, metadata, signature_defs.
  const root = table(
    m.version === null ? undefined : u32(m.version),
    optional(m.operatorCodes),
    optional(m.subgraphs),
    optional(m.description),
    ref(buffers),
    optional(m.metadataBuffer),
    ref(entries),
    optional(m.signatureDefs),
  );
  const w = ForwardWriter.finish('TFL3', root);
  const shift = align(w.length, 16);
  const out = new Uint8Array(shift + model.length);
  out.set(w.bytes.subarray(0, w.length));
  out.set(model, shift);
  const view = new DataView(out.buffer);
  for (const { slot, target } of w.external) view.setUint32(slot, shift + target - slot, true);
  return out;
}
