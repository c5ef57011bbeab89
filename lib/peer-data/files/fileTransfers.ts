import { MAX_FILE_BYTES, decodeFrame } from './fileTransfer';
import { IncomingFiles } from './incomingFiles';
import { OutgoingFiles } from './outgoingFiles';
import { TransferContext, type TransferChannel } from './transferContext';
import type { PeerMessage } from '@/lib/peer-data/messages';
import type { RoomStore } from '@/lib/store';
import { transferKey } from '@/lib/store/sharing';

export type { TransferChannel } from './transferContext';
export type FileMessage = Extract<PeerMessage, { t: `file-${string}` }>;

export interface FileTransfersOptions {
  store: RoomStore;
  /** Our participant id: the sender part of our own files' keys. */
  selfId: string;
  /** The participants we can send to now (data channels open). */
  openPeers(): string[];
  channel(id: string): TransferChannel | undefined;
  maxBytes?: number;
  createUrl?(blob: Blob): string;
  revokeUrl?(url: string): void;
}

/**
 * Every file transfer of one person in one call, in and out. The store's
 * sharing slice is the only record of their state (what the UI reads); this
 * keeps just the bytes: reassembly buffers in, the Blob out. Both directions
 * use one key, transferKey(sender, transfer id), so a message about a
 * transfer reaches exactly one of them.
 */
export class FileTransfers {
  private readonly ctx: TransferContext;
  private readonly incoming: IncomingFiles;
  private readonly outgoing: OutgoingFiles;

  constructor(private readonly options: FileTransfersOptions) {
    this.ctx = new TransferContext(
      options.store,
      options.selfId,
      options.maxBytes ?? MAX_FILE_BYTES,
      (id) => options.channel(id),
    );
    this.incoming = new IncomingFiles(
      this.ctx,
      options.createUrl ?? ((blob) => URL.createObjectURL(blob)),
      options.revokeUrl ?? ((url) => URL.revokeObjectURL(url)),
    );
    this.outgoing = new OutgoingFiles(this.ctx);
  }

  /** Offers a file to everyone connected. Resolves with a reason if it could not. */
  share(file: File): Promise<string | null> {
    return this.outgoing.share(file, this.options.openPeers());
  }

  accept(key: string): void {
    this.incoming.accept(key);
  }

  /** Declines an offer, or stops a file that is arriving. */
  decline(key: string): void {
    this.incoming.decline(key);
  }

  /** The sender stops a file for everyone still offered or receiving it. */
  cancel(key: string): void {
    this.outgoing.cancel(key);
  }

  /** Removes a card; a file still moving is stopped first. */
  dismiss(key: string): void {
    const transfer = this.ctx.state.transfers[key];
    if (transfer?.direction === 'in') this.incoming.dismiss(key);
    else if (transfer?.direction === 'out') this.outgoing.dismiss(key);
  }

  handleMessage(from: string, message: FileMessage): void {
    if (this.ctx.disposed) return;
    if (message.t === 'file-offer') return this.incoming.offer(from, message);
    // A file-cancel comes from a file's sender (its key is theirs) or from one
    // of our recipients (the key is ours): never both, as offers reusing one
    // of our ids are refused.
    const key = transferKey(from, message.id);
    if (message.t === 'file-cancel' && this.incoming.has(key)) this.incoming.senderCancelled(key);
    else this.outgoing.handleReply(from, message);
  }

  handleBinary(from: string, frame: ArrayBuffer): void {
    const decoded = decodeFrame(frame);
    if (decoded) this.incoming.chunk(transferKey(from, decoded.id), decoded.chunk);
  }

  /** A participant left or their connection went: everything with them fails, on both sides. */
  peerGone(id: string): void {
    this.incoming.peerGone(id);
    this.outgoing.peerGone(id);
  }

  dispose(): void {
    this.ctx.disposed = true;
    this.incoming.dispose();
    this.outgoing.dispose();
  }
}
