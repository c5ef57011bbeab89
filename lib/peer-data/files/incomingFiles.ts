import { Reassembler, formatBytes, safeFileName } from './fileTransfer';
import type { TransferContext } from './transferContext';
import { transferKey, type IncomingState, type IncomingTransfer } from '@/lib/store/sharing';

/** How often progress reaches the store (and so React), at most. */
export const PROGRESS_EVERY_MS = 150;

/** What the lib keeps of a file offered to us, until it settles: the rest is in the store. */
interface Arriving {
  from: string;
  id: string;
  /** The digest the offer promised, checked once every byte arrived. */
  sha256: string;
  /** The reassembly buffer, from accept until the last byte. */
  assembler: Reassembler | null;
  reportedAt: number;
}

type Change = Partial<Pick<IncomingTransfer, 'error' | 'bytes' | 'url'>>;

/** Files others offer us, keyed transferKey(sender, id). */
export class IncomingFiles {
  private readonly arriving = new Map<string, Arriving>();
  /** Object URLs we made (the store shows them as download links), revoked on dismiss or dispose. */
  private readonly urls = new Map<string, string>();

  constructor(
    private readonly ctx: TransferContext,
    private readonly createUrl: (blob: Blob) => string,
    private readonly revokeUrl: (url: string) => void,
  ) {}

  offer(from: string, offer: { id: string; name: string; size: number; sha256: string }): void {
    const key = transferKey(from, offer.id);
    // A repeated offer, or one whose id is one of ours (so a file-cancel could not tell them apart).
    if (this.ctx.state.transfers[key] || this.ctx.outgoing(transferKey(this.ctx.selfId, offer.id)))
      return;
    this.arriving.set(key, {
      from,
      id: offer.id,
      sha256: offer.sha256,
      assembler: null,
      reportedAt: 0,
    });
    this.ctx.state.putTransfer({
      direction: 'in',
      key,
      from,
      fromName: this.ctx.nameOf(from),
      name: safeFileName(offer.name),
      size: offer.size,
      state: 'offered',
      bytes: 0,
      url: null,
      error: null,
    });
    if (offer.size > this.ctx.maxBytes) {
      this.ctx.channel(from)?.sendControl({ t: 'file-decline', id: offer.id });
      this.settle(key, 'declined', {
        error: `Larger than the ${formatBytes(this.ctx.maxBytes)} limit.`,
      });
    }
  }

  accept(key: string): void {
    const t = this.ctx.incoming(key);
    const a = this.arriving.get(key);
    if (!t || !a || t.state !== 'offered') return;
    if (!this.ctx.channel(a.from)?.sendControl({ t: 'file-accept', id: a.id })) {
      this.settle(key, 'failed', { error: `${this.ctx.nameOf(a.from)} is no longer connected.` });
      return;
    }
    a.assembler = new Reassembler(t.size, a.sha256);
    this.ctx.state.patchIncoming(key, { state: 'receiving' });
    if (t.size === 0) this.finish(key, a);
  }

  /** Declines an offer, or stops a file that is arriving. */
  decline(key: string): void {
    const a = this.arriving.get(key);
    const state = this.ctx.incoming(key)?.state;
    if (!a) return;
    if (state === 'offered') {
      this.ctx.channel(a.from)?.sendControl({ t: 'file-decline', id: a.id });
      this.settle(key, 'declined');
    } else if (state === 'receiving') {
      this.ctx.channel(a.from)?.sendControl({ t: 'file-cancel', id: a.id });
      this.settle(key, 'failed', { error: 'You stopped the transfer.' });
    }
  }

  /** Removes the card; a file still arriving is stopped first. */
  dismiss(key: string): void {
    this.decline(key);
    const url = this.urls.get(key);
    if (url) this.revokeUrl(url);
    this.urls.delete(key);
    this.ctx.state.removeTransfer(key);
  }

  /** True when `key` (sender/id) is a file offered to us: its sender's file-cancel goes here. */
  has(key: string): boolean {
    return this.ctx.incoming(key) !== undefined;
  }

  /** The sender's file-cancel. */
  senderCancelled(key: string): void {
    const a = this.arriving.get(key);
    if (a)
      this.settle(key, 'failed', { error: `${this.ctx.nameOf(a.from)} cancelled the transfer.` });
  }

  chunk(key: string, chunk: Uint8Array): void {
    const a = this.arriving.get(key);
    // Chunks still in the pipe after a cancel or a failure are dropped.
    if (!a?.assembler) return;
    if (this.ctx.incoming(key)?.state !== 'receiving') {
      // The store no longer shows it arriving (the call's state was cleared): let it go.
      this.arriving.delete(key);
      return;
    }
    if (a.assembler.push(chunk)) return this.finish(key, a);
    const now = Date.now();
    if (now - a.reportedAt >= PROGRESS_EVERY_MS) {
      a.reportedAt = now;
      this.ctx.state.patchIncoming(key, { bytes: a.assembler.bytes });
    }
  }

  peerGone(id: string): void {
    for (const [key, a] of this.arriving) {
      if (a.from === id)
        this.settle(key, 'failed', { error: `${this.ctx.nameOf(id)} left before it finished.` });
    }
  }

  dispose(): void {
    this.arriving.clear();
    for (const url of this.urls.values()) this.revokeUrl(url);
    this.urls.clear();
  }

  private finish(key: string, a: Arriving): void {
    const result = a.assembler!.result();
    this.ctx.channel(a.from)?.sendControl({ t: 'file-result', id: a.id, ok: result.ok });
    if (!result.ok) {
      this.settle(key, 'failed', { error: `Not saved: ${result.reason}.` });
      return;
    }
    const url = this.createUrl(result.blob);
    this.urls.set(key, url);
    this.settle(key, 'done', { bytes: this.ctx.incoming(key)?.size ?? 0, url });
  }

  /** The end of a file offered to us: the store tells how it went, the buffers go. */
  private settle(
    key: string,
    state: Exclude<IncomingState, 'offered' | 'receiving'>,
    change: Change = {},
  ): void {
    this.arriving.delete(key);
    this.ctx.state.patchIncoming(key, { state, ...change });
  }
}
