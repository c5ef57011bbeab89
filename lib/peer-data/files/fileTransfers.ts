import {
  MAX_FILE_BYTES,
  Reassembler,
  decodeFrame,
  formatBytes,
  newTransferId,
  safeFileName,
  streamFile,
  type FrameSink,
} from './fileTransfer';
import type { PeerMessage } from '@/lib/peer-data/messages';
import { sha256OfBlob } from './sha256';
import type { IncomingState, Recipient } from '@/lib/store/sharing';
import type { RoomStore } from '@/lib/store';

export type FileMessage = Extract<PeerMessage, { t: `file-${string}` }>;

/** One participant's data channels, as far as file transfer needs them (PeerChannels). */
export interface TransferChannel extends FrameSink {
  readonly isOpen: boolean;
  sendControl(message: object): boolean;
}

export interface FileTransfersOptions {
  store: RoomStore;
  /** The participants we can send to now (data channels open). */
  openPeers(): string[];
  channel(id: string): TransferChannel | undefined;
  maxBytes?: number;
  createUrl?(blob: Blob): string;
  revokeUrl?(url: string): void;
}

/** How often progress reaches the store (and so React), at most. */
const PROGRESS_EVERY_MS = 150;

interface Incoming {
  key: string;
  from: string;
  id: string;
  sha256: string;
  size: number;
  state: IncomingState;
  assembler: Reassembler | null;
  reportedAt: number;
  url: string | null;
}

interface Outgoing {
  id: string;
  key: string;
  file: Blob;
  cancelled: boolean;
  recipients: Map<string, { state: Recipient['state']; stop: boolean }>;
}

const TERMINAL = new Set(['done', 'declined', 'failed']);

/**
 * Every file transfer of one person in one call, in and out. Writes what
 * happens into the store; the UI calls share/accept/decline/cancel/dismiss.
 */
export class FileTransfers {
  private readonly incoming = new Map<string, Incoming>();
  private readonly outgoing = new Map<string, Outgoing>();
  private readonly maxBytes: number;
  private disposed = false;

  constructor(private readonly options: FileTransfersOptions) {
    this.maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  }

  private get state() {
    return this.options.store.getState();
  }

  private nameOf(id: string): string {
    return this.state.participants[id]?.displayName ?? 'Someone';
  }

  /** Offers a file to everyone connected. Resolves with a reason if it could not. */
  async share(file: File): Promise<string | null> {
    if (file.size > this.maxBytes) {
      return `${safeFileName(file.name)} is larger than the ${formatBytes(this.maxBytes)} limit.`;
    }
    const peers = this.options.openPeers();
    if (peers.length === 0) return 'Nobody else is connected yet to receive a file.';
    const id = newTransferId();
    const out: Outgoing = { id, key: `out/${id}`, file, cancelled: false, recipients: new Map() };
    this.outgoing.set(id, out);
    const name = safeFileName(file.name);
    const recipients: Record<string, Recipient> = {};
    for (const peer of peers) {
      out.recipients.set(peer, { state: 'offered', stop: false });
      recipients[peer] = { name: this.nameOf(peer), state: 'offered', bytes: 0 };
    }
    this.state.putTransfer({
      direction: 'out',
      key: out.key,
      name,
      size: file.size,
      state: 'preparing',
      recipients,
      error: null,
    });
    const sha256 = await sha256OfBlob(file);
    if (out.cancelled || this.disposed) return null;
    const offer = { t: 'file-offer', id, name, size: file.size, mime: file.type, sha256 };
    for (const [peer, recipient] of out.recipients) {
      if (recipient.state !== 'offered') continue;
      if (!this.options.channel(peer)?.sendControl(offer)) this.setRecipient(out, peer, 'failed');
    }
    this.state.patchOutgoing(out.key, { state: 'active' });
    this.checkFinished(out);
    return null;
  }

  accept(key: string): void {
    const t = this.incoming.get(key);
    if (!t || t.state !== 'offered') return;
    if (!this.options.channel(t.from)?.sendControl({ t: 'file-accept', id: t.id })) {
      this.setIncoming(t, 'failed', { error: `${this.nameOf(t.from)} is no longer connected.` });
      return;
    }
    t.assembler = new Reassembler(t.size, t.sha256);
    this.setIncoming(t, 'receiving');
    if (t.size === 0) this.finish(t);
  }

  /** Declines an offer, or stops a file that is arriving. */
  decline(key: string): void {
    const t = this.incoming.get(key);
    if (!t) return;
    if (t.state === 'offered') {
      this.options.channel(t.from)?.sendControl({ t: 'file-decline', id: t.id });
      this.setIncoming(t, 'declined');
    } else if (t.state === 'receiving') {
      this.options.channel(t.from)?.sendControl({ t: 'file-cancel', id: t.id });
      this.setIncoming(t, 'failed', { error: 'You stopped the transfer.' });
    }
  }

  /** The sender stops a file for everyone still offered or receiving it. */
  cancel(key: string): void {
    const out = [...this.outgoing.values()].find((o) => o.key === key);
    if (!out || out.cancelled) return;
    out.cancelled = true;
    for (const [peer, recipient] of out.recipients) {
      if (recipient.state !== 'offered' && recipient.state !== 'sending') continue;
      this.options.channel(peer)?.sendControl({ t: 'file-cancel', id: out.id });
      this.setRecipient(out, peer, 'failed');
    }
    this.state.patchOutgoing(out.key, { state: 'cancelled' });
  }

  /** Removes a card; a file still moving is stopped first. */
  dismiss(key: string): void {
    const t = this.incoming.get(key);
    if (t) {
      this.decline(key);
      if (t.url) this.revoke(t.url);
      this.incoming.delete(key);
    } else {
      this.cancel(key);
      for (const [id, out] of this.outgoing) if (out.key === key) this.outgoing.delete(id);
    }
    this.state.removeTransfer(key);
  }

  handleMessage(from: string, message: FileMessage): void {
    if (this.disposed) return;
    if (message.t === 'file-offer') return this.onOffer(from, message);
    if (message.t === 'file-cancel') {
      const t = this.incoming.get(`${from}/${message.id}`);
      if (t && (t.state === 'offered' || t.state === 'receiving')) {
        this.setIncoming(t, 'failed', { error: `${this.nameOf(from)} cancelled the transfer.` });
      }
    }
    const out = this.outgoing.get(message.id);
    const recipient = out?.recipients.get(from);
    if (!out || !recipient) return;
    if (message.t === 'file-accept' && recipient.state === 'offered' && !out.cancelled) {
      this.setRecipient(out, from, 'sending');
      void this.send(out, from);
    } else if (message.t === 'file-decline' && recipient.state === 'offered') {
      this.setRecipient(out, from, 'declined');
    } else if (message.t === 'file-cancel' && !TERMINAL.has(recipient.state)) {
      recipient.stop = true;
      this.setRecipient(out, from, 'failed');
    } else if (message.t === 'file-result' && recipient.state === 'sending') {
      this.setRecipient(out, from, message.ok ? 'done' : 'failed');
    }
  }

  handleBinary(from: string, frame: ArrayBuffer): void {
    const decoded = decodeFrame(frame);
    if (!decoded) return;
    const t = this.incoming.get(`${from}/${decoded.id}`);
    // Chunks still in the pipe after a cancel or a failure are dropped.
    if (!t || t.state !== 'receiving' || !t.assembler) return;
    const complete = t.assembler.push(decoded.chunk);
    if (complete) return this.finish(t);
    const now = Date.now();
    if (now - t.reportedAt >= PROGRESS_EVERY_MS) {
      t.reportedAt = now;
      this.state.patchIncoming(t.key, { bytes: t.assembler.bytes });
    }
  }

  /** A participant left or their connection went: everything with them fails, on both sides. */
  peerGone(id: string): void {
    for (const t of this.incoming.values()) {
      if (t.from === id && (t.state === 'offered' || t.state === 'receiving')) {
        this.setIncoming(t, 'failed', { error: `${this.nameOf(id)} left before it finished.` });
      }
    }
    for (const out of this.outgoing.values()) {
      const recipient = out.recipients.get(id);
      if (recipient && !TERMINAL.has(recipient.state)) {
        recipient.stop = true;
        this.setRecipient(out, id, 'failed');
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const out of this.outgoing.values()) out.cancelled = true;
    for (const t of this.incoming.values()) if (t.url) this.revoke(t.url);
    this.incoming.clear();
    this.outgoing.clear();
  }

  // ------------------------------------------------------------ internals

  private revoke(url: string): void {
    if (this.options.revokeUrl) this.options.revokeUrl(url);
    else URL.revokeObjectURL(url);
  }

  private onOffer(from: string, offer: Extract<FileMessage, { t: 'file-offer' }>): void {
    const key = `${from}/${offer.id}`;
    if (this.incoming.has(key)) return;
    const t: Incoming = {
      key,
      from,
      id: offer.id,
      sha256: offer.sha256,
      size: offer.size,
      state: 'offered',
      assembler: null,
      reportedAt: 0,
      url: null,
    };
    this.incoming.set(key, t);
    const tooLarge = offer.size > this.maxBytes;
    this.state.putTransfer({
      direction: 'in',
      key,
      from,
      fromName: this.nameOf(from),
      name: safeFileName(offer.name),
      size: offer.size,
      state: 'offered',
      bytes: 0,
      url: null,
      error: null,
    });
    if (tooLarge) {
      this.options.channel(from)?.sendControl({ t: 'file-decline', id: offer.id });
      this.setIncoming(t, 'declined', {
        error: `Larger than the ${formatBytes(this.maxBytes)} limit.`,
      });
    }
  }

  private finish(t: Incoming): void {
    const result = t.assembler!.result();
    t.assembler = null;
    this.options.channel(t.from)?.sendControl({ t: 'file-result', id: t.id, ok: result.ok });
    if (!result.ok) {
      this.setIncoming(t, 'failed', { error: `Not saved: ${result.reason}.` });
      return;
    }
    t.url = this.options.createUrl
      ? this.options.createUrl(result.blob)
      : URL.createObjectURL(result.blob);
    this.setIncoming(t, 'done', { bytes: t.size, url: t.url });
  }

  private async send(out: Outgoing, peer: string): Promise<void> {
    const recipient = out.recipients.get(peer)!;
    const channel = this.options.channel(peer);
    let reportedAt = 0;
    try {
      if (!channel?.isOpen) throw new Error('not connected');
      await streamFile(out.file, out.id, channel, {
        cancelled: () => out.cancelled || recipient.stop || this.disposed,
        onProgress: (bytes) => {
          const now = Date.now();
          if (now - reportedAt < PROGRESS_EVERY_MS && bytes < out.file.size) return;
          reportedAt = now;
          this.state.patchRecipient(out.key, peer, { bytes });
        },
      });
    } catch {
      if (!TERMINAL.has(recipient.state)) this.setRecipient(out, peer, 'failed');
    }
  }

  private setIncoming(
    t: Incoming,
    state: IncomingState,
    change: { error?: string; bytes?: number; url?: string } = {},
  ): void {
    t.state = state;
    if (state !== 'receiving') t.assembler = null;
    this.state.patchIncoming(t.key, { state, ...change });
  }

  private setRecipient(out: Outgoing, peer: string, state: Recipient['state']): void {
    const recipient = out.recipients.get(peer);
    if (!recipient) return;
    recipient.state = state;
    this.state.patchRecipient(out.key, peer, { state });
    this.checkFinished(out);
  }

  private checkFinished(out: Outgoing): void {
    if (out.cancelled) return;
    // Finished for everyone; each recipient's row tells how it went for them.
    if ([...out.recipients.values()].every((r) => TERMINAL.has(r.state))) {
      this.state.patchOutgoing(out.key, { state: 'finished' });
    }
  }
}
