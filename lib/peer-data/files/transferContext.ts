import type { FrameSink } from './fileTransfer';
import type { RoomStore } from '@/lib/store';
import type { IncomingTransfer, OutgoingTransfer } from '@/lib/store/sharing';

/** One participant's data channels, as far as file transfer needs them (PeerChannels). */
export interface TransferChannel extends FrameSink {
  readonly isOpen: boolean;
  sendControl(message: object): boolean;
}

/** What both directions share: the store (the only record of state) and the channels. */
export class TransferContext {
  disposed = false;

  constructor(
    readonly store: RoomStore,
    readonly selfId: string,
    readonly maxBytes: number,
    readonly channel: (id: string) => TransferChannel | undefined,
  ) {}

  get state() {
    return this.store.getState();
  }

  nameOf(id: string): string {
    return this.state.participants[id]?.displayName ?? 'Someone';
  }

  incoming(key: string): IncomingTransfer | undefined {
    const t = this.state.transfers[key];
    return t?.direction === 'in' ? t : undefined;
  }

  outgoing(key: string): OutgoingTransfer | undefined {
    const t = this.state.transfers[key];
    return t?.direction === 'out' ? t : undefined;
  }
}
