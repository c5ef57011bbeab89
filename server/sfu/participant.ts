import { SfuPublisher } from './publisher';
import { SfuSubscriber } from './subscriber';

/**
 * Everything one Parley participant holds in Janus: a publisher handle (their
 * feed, id = participant id) and a subscriber handle (everyone else's feeds).
 * The relay layer talks to `publisher` and `subscriber` directly.
 */
export class SfuParticipant {
  private closed = false;

  constructor(
    readonly roomId: string,
    readonly id: string,
    readonly display: string,
    readonly publisher: SfuPublisher,
    readonly subscriber: SfuSubscriber,
    private readonly onClose: (participant: SfuParticipant) => void,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Leaves Janus (subscriber, then publisher) and drops both handles; never throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    await this.subscriber.close();
    await this.publisher.close();
  }

  /** Janus went away and took the handles with it: forget them without a word to Janus. */
  lost(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    this.publisher.dispose();
    this.subscriber.dispose();
  }
}
