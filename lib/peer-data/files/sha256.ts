/**
 * Streaming SHA-256 for file transfers, from @noble/hashes (audited, no
 * dependencies). WebCrypto's digest() only hashes one whole buffer; a file
 * sent or received in chunks is hashed here chunk by chunk, so neither side
 * ever holds the whole file in one ArrayBuffer. The digest travels in
 * `file-offer.sha256` as 64 lowercase hex digits (docs/protocol.md).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface StreamingHash {
  update(chunk: Uint8Array): void;
  /** The digest as 64 lowercase hex digits; the hash cannot be updated afterwards. */
  digestHex(): string;
}

export function createSha256(): StreamingHash {
  const hash = sha256.create();
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digestHex: () => bytesToHex(hash.digest()),
  };
}

/** SHA-256 of a Blob (or File), read slice by slice, as 64 lowercase hex digits. */
export async function sha256OfBlob(blob: Blob, sliceBytes = 1024 * 1024): Promise<string> {
  const hash = createSha256();
  for (let offset = 0; offset < blob.size; offset += sliceBytes) {
    hash.update(new Uint8Array(await blob.slice(offset, offset + sliceBytes).arrayBuffer()));
  }
  return hash.digestHex();
}
