// A stand-in RTCDataChannel for unit tests: records what is sent, lets the
// test drain the buffer (firing bufferedamountlow like the browser), open and close it.
import type { DataChannelLike } from '@/lib/webrtc/channels';

export class FakeDataChannel extends EventTarget implements DataChannelLike {
  readyState: RTCDataChannelState = 'connecting';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType: BinaryType = 'blob';
  readonly sent: (string | ArrayBuffer)[] = [];
  /** The most bytes ever waiting in the buffer. */
  peakBuffered = 0;

  constructor(
    readonly label: string,
    readonly init: RTCDataChannelInit,
  ) {
    super();
  }

  send(data: string | ArrayBuffer): void {
    if (this.readyState !== 'open') throw new DOMException('not open', 'InvalidStateError');
    this.sent.push(data);
    this.bufferedAmount += typeof data === 'string' ? data.length : data.byteLength;
    this.peakBuffered = Math.max(this.peakBuffered, this.bufferedAmount);
  }

  /** The network takes `bytes` from the buffer. */
  drain(bytes = Infinity): void {
    const before = this.bufferedAmount;
    this.bufferedAmount = Math.max(0, this.bufferedAmount - bytes);
    if (
      before > this.bufferedAmountLowThreshold &&
      this.bufferedAmount <= this.bufferedAmountLowThreshold
    ) {
      this.dispatchEvent(new Event('bufferedamountlow'));
    }
  }

  open(): void {
    this.readyState = 'open';
    this.dispatchEvent(new Event('open'));
  }

  receive(data: string | ArrayBuffer): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }

  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.dispatchEvent(new Event('close'));
  }
}

/** A PeerChannels factory that keeps the fakes it made, by label. */
export function fakeChannelFactory() {
  const made: Record<string, FakeDataChannel> = {};
  const create = (label: string, init: RTCDataChannelInit) =>
    (made[label] = new FakeDataChannel(label, init));
  return { made, create };
}
