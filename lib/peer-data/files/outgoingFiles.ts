import { formatBytes, newTransferId, safeFileName, streamFile } from './fileTransfer';
import { PROGRESS_EVERY_MS } from './incomingFiles';
import { sha256OfBlob } from './sha256';
import type { TransferContext } from './transferContext';
import type { PeerMessage } from '@/lib/peer-data/messages';
import { isSettled, transferKey, type Recipient, type RecipientState } from '@/lib/store/sharing';

/** What a recipient sends back about a file of ours. */
export type RecipientMessage = Extract<
  PeerMessage,
  { t: 'file-accept' | 'file-decline' | 'file-cancel' | 'file-result' }
>;

/** What the lib keeps of a file we send, while it may still move: its wire id and bytes. */
interface Sending {
  id: string;
  file: Blob;
}

/** Files we offer, keyed transferKey(self id, id); recipient states live in the store. */
export class OutgoingFiles {
  private readonly sending = new Map<string, Sending>();

  constructor(private readonly ctx: TransferContext) {}

  /** Offers a file to `peers`. Resolves with a reason if it could not. */
  async share(file: File, peers: string[]): Promise<string | null> {
    const { ctx } = this;
    if (file.size > ctx.maxBytes) {
      return `${safeFileName(file.name)} is larger than the ${formatBytes(ctx.maxBytes)} limit.`;
    }
    if (peers.length === 0) return 'Nobody else is connected yet to receive a file.';
    const id = this.unusedId();
    const key = transferKey(ctx.selfId, id);
    this.sending.set(key, { id, file });
    const name = safeFileName(file.name);
    const recipients: Record<string, Recipient> = {};
    for (const peer of peers)
      recipients[peer] = { name: ctx.nameOf(peer), state: 'offered', bytes: 0 };
    ctx.state.putTransfer({
      direction: 'out',
      key,
      name,
      size: file.size,
      state: 'preparing',
      recipients,
      error: null,
    });
    // The offer carries the file's digest (docs/protocol.md), so it is hashed before.
    const sha256 = await sha256OfBlob(file);
    // Cancelled or dismissed while hashing.
    if (ctx.disposed || ctx.outgoing(key)?.state !== 'preparing') return null;
    ctx.state.patchOutgoing(key, { state: 'active' });
    const offer = { t: 'file-offer', id, name, size: file.size, mime: file.type, sha256 };
    for (const [peer, recipient] of Object.entries(ctx.outgoing(key)!.recipients)) {
      if (recipient.state !== 'offered') continue;
      if (!ctx.channel(peer)?.sendControl(offer)) this.setRecipient(key, peer, 'failed');
    }
    this.checkFinished(key);
    return null;
  }

  /** The sender stops a file for everyone still offered or receiving it. */
  cancel(key: string): void {
    const out = this.ctx.outgoing(key);
    const sending = this.sending.get(key);
    if (!out || !sending) return;
    this.sending.delete(key);
    this.ctx.state.patchOutgoing(key, { state: 'cancelled' });
    for (const [peer, recipient] of Object.entries(out.recipients)) {
      if (isSettled(recipient.state)) continue;
      this.ctx.channel(peer)?.sendControl({ t: 'file-cancel', id: sending.id });
      this.ctx.state.patchRecipient(key, peer, { state: 'failed' });
    }
  }

  dismiss(key: string): void {
    this.cancel(key);
    this.ctx.state.removeTransfer(key);
  }

  /** A recipient's answer, result or file-cancel about a file of ours. */
  handleReply(from: string, message: RecipientMessage): void {
    const key = transferKey(this.ctx.selfId, message.id);
    const out = this.ctx.outgoing(key);
    const state = out?.recipients[from]?.state;
    if (!out || !state) return;
    if (message.t === 'file-accept' && state === 'offered' && out.state === 'active') {
      this.setRecipient(key, from, 'sending');
      void this.send(key, from);
    } else if (message.t === 'file-decline' && state === 'offered') {
      this.setRecipient(key, from, 'declined');
    } else if (message.t === 'file-cancel' && !isSettled(state)) {
      this.setRecipient(key, from, 'failed');
    } else if (message.t === 'file-result' && state === 'sending') {
      this.setRecipient(key, from, message.ok ? 'done' : 'failed');
    }
  }

  peerGone(id: string): void {
    for (const t of Object.values(this.ctx.state.transfers)) {
      const state = t.direction === 'out' ? t.recipients[id]?.state : undefined;
      if (state && !isSettled(state)) this.setRecipient(t.key, id, 'failed');
    }
  }

  dispose(): void {
    this.sending.clear();
  }

  private unusedId(): string {
    const keys = Object.keys(this.ctx.state.transfers);
    for (;;) {
      const id = newTransferId();
      if (!keys.some((key) => key.endsWith(`/${id}`))) return id;
    }
  }

  /** Streams the file to one recipient while the store says they are still receiving it. */
  private async send(key: string, peer: string): Promise<void> {
    const sending = this.sending.get(key);
    const channel = this.ctx.channel(peer);
    const still = () =>
      !this.ctx.disposed && this.ctx.outgoing(key)?.recipients[peer]?.state === 'sending';
    let reportedAt = 0;
    try {
      if (!sending || !channel?.isOpen) throw new Error('not connected');
      const { file } = sending;
      await streamFile(file, sending.id, channel, {
        cancelled: () => !still(),
        onProgress: (bytes) => {
          const now = Date.now();
          if (now - reportedAt < PROGRESS_EVERY_MS && bytes < file.size) return;
          reportedAt = now;
          this.ctx.state.patchRecipient(key, peer, { bytes });
        },
      });
    } catch {
      if (still()) this.setRecipient(key, peer, 'failed');
    }
  }

  private setRecipient(key: string, peer: string, state: RecipientState): void {
    this.ctx.state.patchRecipient(key, peer, { state });
    this.checkFinished(key);
  }

  /** Finished once every recipient settled; each one's row tells how it went for them. */
  private checkFinished(key: string): void {
    const out = this.ctx.outgoing(key);
    if (out?.state !== 'active') return;
    if (Object.values(out.recipients).every((r) => isSettled(r.state))) {
      this.sending.delete(key);
      this.ctx.state.patchOutgoing(key, { state: 'finished' });
    }
  }
}
