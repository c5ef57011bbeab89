import type { Jsep, SubscriptionStream, VideoRoomHandle } from 'janode/plugins/videoroom';
import { Emitter } from '@/lib/util/emitter';
import { janusCall, SfuError } from './errors';

/** An offer Janus made on a subscriber, with the map of its mids to feeds. */
export interface SubscriberOffer {
  jsep: Jsep;
  streams: SubscriptionStream[];
}

export type SfuSubscriberEvents = {
  /**
   * Janus offers a new description for the subscriber PeerConnection: after
   * join and subscribe/unsubscribe, and unprompted when a subscribed feed
   * unpublishes or leaves. The browser answers each one, in order, with answer().
   */
  offer: [offer: SubscriberOffer];
  webrtcup: [];
  hangup: [reason: string];
};

export interface SubscriberJoin {
  room: string;
  pin: string;
  /** The owner's publisher private_id (rooms are created with require_pvtid). */
  privateId: number;
}

/**
 * One participant's multistream subscriber: a single PeerConnection that
 * carries every feed it subscribes to. Joins Janus lazily on the first
 * subscribe (Janus needs at least one published feed); requests run one at a time.
 */
export class SfuSubscriber extends Emitter<SfuSubscriberEvents> {
  private joined = false;
  private queue: Promise<unknown> = Promise.resolve();
  private lastStreams: SubscriptionStream[] = [];

  constructor(
    private readonly handle: VideoRoomHandle,
    private readonly join: SubscriberJoin,
  ) {
    super();
    handle.on('videoroom_updated', ({ jsep, streams }) => this.offered(jsep, streams));
    handle.on('handle_webrtcup', () => this.emit('webrtcup'));
    handle.on('handle_hangup', ({ reason }) => this.emit('hangup', reason ?? 'hangup'));
  }

  /** The streams of the subscription as Janus last described them. */
  get streams(): SubscriptionStream[] {
    return this.lastStreams;
  }

  /** Adds feeds (all their streams) to the subscription; Janus's offer follows as 'offer'. */
  subscribe(feeds: readonly string[]): Promise<void> {
    const streams = feeds.map((feed) => ({ feed }));
    return this.serial(async () => {
      if (!this.joined) {
        const { room, pin, privateId } = this.join;
        const result = await janusCall(() =>
          this.handle.joinSubscriber({ room, pin, private_id: privateId, streams }),
        );
        this.joined = true;
        this.offered(result.jsep, result.streams ?? []);
        return;
      }
      const result = await janusCall(() => this.handle.update({ subscribe: streams }));
      this.offered(result.jsep, result.streams);
    });
  }

  /** Removes feeds from the subscription; Janus's offer follows as 'offer'. */
  unsubscribe(feeds: readonly string[]): Promise<void> {
    return this.serial(async () => {
      if (!this.joined) return;
      const streams = feeds.map((feed) => ({ feed }));
      const result = await janusCall(() => this.handle.update({ unsubscribe: streams }));
      this.offered(result.jsep, result.streams);
    });
  }

  /** The browser's answer to the latest offer; media starts flowing. */
  answer(jsep: Jsep): Promise<void> {
    if (jsep.type !== 'answer') return Promise.reject(new SfuError('janus', 'expected an answer'));
    return this.serial(async () => {
      if (!this.joined) throw new SfuError('janus', 'nothing to answer: not subscribed yet');
      await janusCall(() => this.handle.start({ jsep }));
    });
  }

  /** Drops every listener, for when Janus has already lost the handle. */
  dispose(): void {
    this.removeAllListeners();
  }

  /** Leaves and drops the handle; never throws. */
  async close(): Promise<void> {
    this.removeAllListeners();
    if (this.joined) await this.handle.leave().catch(() => {});
    await this.handle.detach().catch(() => {});
  }

  private offered(jsep: Jsep | undefined, streams: SubscriptionStream[]): void {
    this.lastStreams = streams;
    if (jsep && jsep.type === 'offer') this.emit('offer', { jsep, streams });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}
