import { Emitter } from '@/lib/util/emitter';

/**
 * The two data channels every Peer opens, pre-negotiated with fixed ids on
 * both sides (no extra signaling, and the first offer carries the SCTP section):
 * - `control` (id 0): small JSON messages (file offers and answers, raised hands, reactions);
 * - `files` (id 1): binary file chunks, framed with their transfer id (see fileTransfer.ts).
 * Both are ordered and reliable. Chunks go on their own channel so a long
 * transfer never queues a hand or a reaction behind megabytes of file.
 */
export const CONTROL_CHANNEL = { label: 'parley-control', id: 0 } as const;
export const FILES_CHANNEL = { label: 'parley-files', id: 1 } as const;

/** Above this many buffered bytes, senders wait for `bufferedamountlow`. */
export const BUFFER_HIGH_BYTES = 1024 * 1024;
/** The channel's bufferedAmountLowThreshold: sending resumes below it. */
export const BUFFER_LOW_BYTES = 256 * 1024;

/** The subset of RTCDataChannel used here, so tests can pass a fake. */
export interface DataChannelLike {
  readonly readyState: RTCDataChannelState;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  binaryType: BinaryType;
  send(data: string | ArrayBuffer): void;
  close(): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

export type PeerChannelsEvents = {
  /** Both channels are open: this participant can exchange data now. */
  open: [];
  /** Either channel closed, or the Peer went away. Pending work should fail. */
  close: [];
  control: [message: unknown];
  binary: [data: ArrayBuffer];
};

export class ChannelClosedError extends Error {
  constructor() {
    super('the data channel closed');
    this.name = 'ChannelClosedError';
  }
}

/** One Peer's control + files channels, with backpressure for binary sends. */
export class PeerChannels extends Emitter<PeerChannelsEvents> {
  private readonly control: DataChannelLike;
  private readonly files: DataChannelLike;
  private opened = false;
  private closed = false;
  private readonly waiters = new Set<{ resolve: () => void; reject: (err: Error) => void }>();

  constructor(create: (label: string, init: RTCDataChannelInit) => DataChannelLike) {
    super();
    this.control = create(CONTROL_CHANNEL.label, { negotiated: true, id: CONTROL_CHANNEL.id });
    this.files = create(FILES_CHANNEL.label, { negotiated: true, id: FILES_CHANNEL.id });
    for (const channel of [this.control, this.files]) {
      channel.binaryType = 'arraybuffer';
      channel.addEventListener('open', this.onOpen);
      channel.addEventListener('close', this.onClose);
    }
    this.files.bufferedAmountLowThreshold = BUFFER_LOW_BYTES;
    this.files.addEventListener('bufferedamountlow', this.onLow);
    this.control.addEventListener('message', this.onControl);
    this.files.addEventListener('message', this.onBinary);
    this.onOpen();
  }

  get isOpen(): boolean {
    return this.opened && !this.closed;
  }

  /** Bytes queued on the files channel, not yet handed to the network. */
  get bufferedAmount(): number {
    return this.files.bufferedAmount;
  }

  /** Sends a control message; false when the channel is not open (the message is dropped). */
  sendControl(message: object): boolean {
    if (!this.isOpen || this.control.readyState !== 'open') return false;
    try {
      this.control.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Sends one binary frame once the files channel has room: it waits while
   * more than BUFFER_HIGH_BYTES are queued, so the bytes in flight stay
   * bounded whatever the file size. Rejects with ChannelClosedError if the channel goes.
   */
  async sendBinary(frame: ArrayBuffer): Promise<void> {
    while (!this.closed && this.files.bufferedAmount > BUFFER_HIGH_BYTES) {
      await new Promise<void>((resolve, reject) => this.waiters.add({ resolve, reject }));
    }
    if (this.closed || this.files.readyState !== 'open') throw new ChannelClosedError();
    this.files.send(frame);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const channel of [this.control, this.files]) {
      channel.removeEventListener('open', this.onOpen);
      channel.removeEventListener('close', this.onClose);
      channel.removeEventListener('message', this.onControl);
      channel.removeEventListener('message', this.onBinary);
      channel.removeEventListener('bufferedamountlow', this.onLow);
      try {
        channel.close();
      } catch {
        // already closed with its connection
      }
    }
    for (const waiter of this.waiters) waiter.reject(new ChannelClosedError());
    this.waiters.clear();
    this.emit('close');
    this.removeAllListeners();
  }

  private readonly onOpen = () => {
    if (this.opened || this.closed) return;
    if (this.control.readyState !== 'open' || this.files.readyState !== 'open') return;
    this.opened = true;
    this.emit('open');
  };

  private readonly onClose = () => this.close();

  private readonly onLow = () => {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiters) waiter.resolve();
  };

  private readonly onControl = (event: Event) => {
    const { data } = event as MessageEvent<unknown>;
    if (typeof data !== 'string' || data.length > 64 * 1024) return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    this.emit('control', message);
  };

  private readonly onBinary = (event: Event) => {
    const { data } = event as MessageEvent<unknown>;
    if (data instanceof ArrayBuffer) this.emit('binary', data);
  };
}
