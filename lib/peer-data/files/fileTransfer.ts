/**
 * Browser-to-browser file transfer, the wire pieces. The protocol, on the
 * control channel (peerMessages.ts) and the files channel (channels.ts):
 *
 *   sender  -> file-offer {id, name, size, mime, sha256}
 *   receiver-> file-accept {id} | file-decline {id}
 *   sender  -> chunks on the files channel: [1 byte id length][id][<= 16 KiB of file]
 *   receiver-> file-result {id, ok}   once `size` bytes arrived and the hash was checked
 *   either  -> file-cancel {id}       at any time; a closed channel fails the transfer too
 *
 * The receiver knows it is done from the byte count (the two channels are not
 * ordered with each other, so no "end" message could be trusted to come last).
 */
import { createSha256 } from './sha256';

export const CHUNK_BYTES = 16 * 1024;
/** The sender reads the file this much at a time, then cuts it into chunks. */
export const READ_BYTES = 1024 * 1024;
const ONE_GB = 1024 * 1024 * 1024;

function configuredMax(): number {
  const raw = Number(process.env.NEXT_PUBLIC_MAX_FILE_BYTES);
  return Number.isFinite(raw) && raw > 0 ? Math.floor(raw) : ONE_GB;
}

/** The largest file Parley sends or accepts (NEXT_PUBLIC_MAX_FILE_BYTES, default 1 GB). */
export const MAX_FILE_BYTES = configuredMax();

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newTransferId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

/** A file name fit to show and to save as: no path, no control characters, bounded length. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const bounded = clean.length > 200 ? clean.slice(0, 200) : clean;
  return bounded === '' || bounded === '.' || bounded === '..' ? 'file' : bounded;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

// ------------------------------------------------------------ framing

export function encodeFrame(id: string, chunk: Uint8Array): ArrayBuffer {
  const idBytes = new TextEncoder().encode(id);
  if (idBytes.length > 255) throw new Error('transfer id too long');
  const frame = new Uint8Array(1 + idBytes.length + chunk.length);
  frame[0] = idBytes.length;
  frame.set(idBytes, 1);
  frame.set(chunk, 1 + idBytes.length);
  return frame.buffer;
}

export function decodeFrame(frame: ArrayBuffer): { id: string; chunk: Uint8Array } | null {
  const bytes = new Uint8Array(frame);
  if (bytes.length < 1) return null;
  const idLength = bytes[0];
  if (idLength === 0 || bytes.length < 1 + idLength) return null;
  const id = new TextDecoder().decode(bytes.subarray(1, 1 + idLength));
  return { id, chunk: bytes.subarray(1 + idLength) };
}

// ------------------------------------------------------------ sending

/** Where frames go: PeerChannels.sendBinary waits while the channel is full. */
export interface FrameSink {
  sendBinary(frame: ArrayBuffer): Promise<void>;
}

export interface StreamOptions {
  /** True once the transfer was cancelled: stop before the next chunk. */
  cancelled(): boolean;
  /** Bytes handed to the channel so far. */
  onProgress?(sent: number): void;
}

/**
 * Sends `file` as framed chunks. Reads READ_BYTES at a time and awaits the
 * sink before every chunk, so memory in use stays bounded (one read plus the
 * channel's high-water mark) whatever the file size. Resolves with false if cancelled.
 */
export async function streamFile(
  file: Blob,
  id: string,
  sink: FrameSink,
  options: StreamOptions,
): Promise<boolean> {
  let sent = 0;
  for (let offset = 0; offset < file.size; offset += READ_BYTES) {
    if (options.cancelled()) return false;
    const block = new Uint8Array(await file.slice(offset, offset + READ_BYTES).arrayBuffer());
    for (let at = 0; at < block.length; at += CHUNK_BYTES) {
      if (options.cancelled()) return false;
      const chunk = block.subarray(at, at + CHUNK_BYTES);
      await sink.sendBinary(encodeFrame(id, chunk));
      sent += chunk.length;
      options.onProgress?.(sent);
    }
  }
  return !options.cancelled();
}

// ------------------------------------------------------------ receiving

/** Chunks are folded into one Blob every this many, so the browser may page them out. */
const FOLD_EVERY = 64;

export type ReassemblyResult = { ok: true; blob: Blob } | { ok: false; reason: string };

/**
 * Collects one file's chunks in order, hashing as they come. When the
 * declared size has arrived, `result()` checks the SHA-256 of the whole file
 * against the offer before handing out the Blob.
 */
export class Reassembler {
  private readonly hash = createSha256();
  private parts: BlobPart[] = [];
  private pending: Uint8Array[] = [];
  private received = 0;
  private overflow = false;

  constructor(
    readonly size: number,
    private readonly sha256: string,
  ) {}

  get bytes(): number {
    return this.received;
  }

  get complete(): boolean {
    return this.received >= this.size;
  }

  /** Adds the next chunk; returns true when the whole declared size has arrived. */
  push(chunk: Uint8Array): boolean {
    if (this.received + chunk.length > this.size) {
      this.overflow = true;
      return true;
    }
    // The frame's buffer is the whole frame: keep only this chunk's bytes.
    const copy = chunk.slice();
    this.hash.update(copy);
    this.pending.push(copy);
    this.received += copy.length;
    if (this.pending.length >= FOLD_EVERY) this.fold();
    return this.complete;
  }

  result(): ReassemblyResult {
    if (this.overflow) return { ok: false, reason: 'more data than the offer said' };
    if (!this.complete) return { ok: false, reason: 'the file is incomplete' };
    this.fold();
    const digest = this.hash.digestHex();
    if (digest !== this.sha256) return { ok: false, reason: 'the file arrived damaged' };
    // octet-stream: the download is saved, never rendered as a page.
    return { ok: true, blob: new Blob(this.parts, { type: 'application/octet-stream' }) };
  }

  private fold(): void {
    if (this.pending.length === 0) return;
    this.parts.push(new Blob(this.pending as BlobPart[]));
    this.pending = [];
  }
}
