import type { Jsep, PublisherInfo } from 'janode/plugins/videoroom';
import type { SfuSource, SfuStream } from '../../lib/protocol';
import type { Logger } from '../ops/logger';
import { SfuError } from './errors';
import type { SfuParticipant } from './participant';
import type { SfuPublisher } from './publisher';
import type { JanusSfu } from './sfu';
import type { SubscriberOffer } from './subscriber';

/** The feed id of a participant's screen share (its camera's feed id is the participant id). */
export const screenFeed = (participantId: string) => `${participantId}.screen`;

/** Whose stream a feed id is: participant ids never contain a dot. */
export function feedOwner(feed: string): { participantId: string; source: SfuSource } {
  return feed.endsWith('.screen')
    ? { participantId: feed.slice(0, -'.screen'.length), source: 'screen' }
    : { participantId: feed, source: 'camera' };
}

/** Subscriber streams as the browser gets them: whose stream each mid carries. */
export function streamsOf(offer: SubscriberOffer): SfuStream[] {
  const out: SfuStream[] = [];
  for (const s of offer.streams) {
    if (!s.feed_id || s.active === false || (s.type !== 'audio' && s.type !== 'video')) continue;
    out.push({ mid: s.mid, kind: s.type, ...feedOwner(s.feed_id) });
  }
  return out;
}

export interface SeatRelayOptions {
  sfu: JanusSfu;
  roomId: string;
  participantId: string;
  display: string;
  /** Sends an offer to this participant's browser (one at a time: the next after its answer). */
  sendOffer: (offer: SubscriberOffer) => void;
  log: Logger;
}

const SUBSCRIBE_RETRY_MS = 500;
const SUBSCRIBE_ATTEMPTS = 20;

/**
 * One participant's seat in Janus, on the node holding their socket: the
 * camera publisher and the subscriber (SfuParticipant), a screen publisher
 * while they share, and the relay of subscriber offers to the browser, one at
 * a time. It subscribes to everyone else's feeds as Janus announces them.
 * Room, feed ids and display name are fixed at construction, from the seat.
 */
export class SeatRelay {
  private participant: SfuParticipant | null = null;
  private joining: Promise<SfuParticipant> | null = null;
  private cameraPublished = false;
  private screen: SfuPublisher | null = null;
  private readonly pendingOffers: SubscriberOffer[] = [];
  private awaitingAnswer = false;
  private lastSent: SubscriberOffer | null = null;
  private readonly wanted = new Set<string>();
  private readonly subscribed = new Set<string>();
  private readonly attempts = new Map<string, number>();
  private flushing = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SeatRelayOptions) {}

  get participantId(): string {
    return this.options.participantId;
  }

  /** Publishes (or renegotiates) one of our streams; returns Janus's answer. */
  async publish(source: SfuSource, offer: Jsep): Promise<Jsep> {
    if (source === 'camera') {
      const participant = await this.seat();
      const answer = this.cameraPublished
        ? await participant.publisher.configure({ offer })
        : await participant.publisher.publish(offer);
      this.cameraPublished = true;
      if (!answer) throw new SfuError('janus', 'Janus sent no SDP answer');
      return answer;
    }
    await this.seat();
    if (!this.screen) {
      const { sfu, roomId, participantId, display } = this.options;
      this.screen = await sfu.joinPublisher({
        roomId,
        participantId: screenFeed(participantId),
        display,
      });
      if (this.closed) {
        await this.screen.close();
        throw new SfuError('unavailable', 'seat closed');
      }
      return this.screen.publish(offer);
    }
    const answer = await this.screen.configure({ offer });
    if (!answer) throw new SfuError('janus', 'Janus sent no SDP answer');
    return answer;
  }

  async unpublish(source: SfuSource): Promise<void> {
    if (source === 'screen') {
      const screen = this.screen;
      this.screen = null;
      await screen?.close();
      return;
    }
    if (this.participant && this.cameraPublished) {
      this.cameraPublished = false;
      await this.participant.publisher.unpublish();
    }
  }

  /** The browser's answer to the offer it was sent last. */
  async answer(jsep: Jsep): Promise<void> {
    const participant = this.participant;
    if (!participant || !this.awaitingAnswer) {
      throw new SfuError('janus', 'no subscriber offer is waiting for an answer');
    }
    try {
      await participant.subscriber.answer(jsep);
    } finally {
      this.awaitingAnswer = false;
      this.pump();
      void this.flush();
    }
  }

  /** Releases everything this seat holds in Janus; never throws. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const screen = this.screen;
    this.screen = null;
    await screen?.close();
    const participant = this.participant ?? (await this.joining?.catch(() => null));
    await participant?.close();
  }

  /** Janus went away with every handle: forget them without a word to Janus. */
  lost(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.screen?.dispose();
    this.screen = null;
    this.participant?.lost();
  }

  private seat(): Promise<SfuParticipant> {
    if (this.participant) return Promise.resolve(this.participant);
    if (!this.joining) {
      const { sfu, roomId, participantId, display } = this.options;
      const joining = sfu.join({ roomId, participantId, display }).then(async (participant) => {
        if (this.closed) {
          await participant.close();
          throw new SfuError('unavailable', 'seat closed');
        }
        this.participant = participant;
        this.wire(participant);
        return participant;
      });
      joining.catch(() => {
        if (this.joining === joining) this.joining = null;
      });
      this.joining = joining;
    }
    return this.joining;
  }

  private wire(participant: SfuParticipant): void {
    const { publisher, subscriber } = participant;
    const feedsOf = (list: PublisherInfo[]) => list.map((p) => p.feed);
    publisher.on('publishers', (list) => this.want(feedsOf(list)));
    const gone = (feed: string) => {
      this.subscribed.delete(feed);
      this.wanted.delete(feed);
      this.attempts.delete(feed);
    };
    publisher.on('unpublished', gone);
    publisher.on('left', gone);
    subscriber.on('offer', (offer) => {
      this.pendingOffers.push(offer);
      this.pump();
    });
    // Everyone publishing now: the join's list and whoever Janus announced while we were seated.
    this.want(feedsOf(publisher.publishers));
  }

  private want(feeds: string[]): void {
    const own = this.options.participantId;
    for (const feed of feeds) {
      if (feed === own || feed === screenFeed(own) || this.subscribed.has(feed)) continue;
      this.wanted.add(feed);
    }
    void this.flush();
  }

  /** Sends the newest offer Janus made, unless the browser still owes an answer. */
  private pump(): void {
    if (this.awaitingAnswer || this.closed) return;
    const offer = this.pendingOffers.pop();
    this.pendingOffers.length = 0;
    if (!offer) return;
    this.awaitingAnswer = true;
    this.lastSent = offer;
    this.options.sendOffer(offer);
  }

  /** The browser came back on a new connection: the offer it still owes an answer to, again. */
  resendPending(): void {
    if (this.awaitingAnswer && this.lastSent && !this.closed) this.options.sendOffer(this.lastSent);
  }

  /**
   * Subscribes to the feeds we want, between offers (Janus renegotiates one at
   * a time). A feed that failed before (428: its PeerConnection not up yet, or
   * gone) is retried alone, so it does not hold up the others.
   */
  private async flush(): Promise<void> {
    const participant = this.participant;
    if (!participant || this.closed || this.flushing || this.awaitingAnswer) return;
    if (this.wanted.size === 0) return;
    this.flushing = true;
    const retrying = [...this.wanted].find((feed) => this.attempts.has(feed));
    const feeds = retrying ? [retrying] : [...this.wanted];
    for (const feed of feeds) this.wanted.delete(feed);
    try {
      await participant.subscriber.subscribe(feeds);
      for (const feed of feeds) {
        this.subscribed.add(feed);
        this.attempts.delete(feed);
      }
    } catch (err) {
      for (const feed of feeds) {
        const n = (this.attempts.get(feed) ?? 0) + 1;
        this.attempts.set(feed, n);
        if (n < SUBSCRIBE_ATTEMPTS) this.wanted.add(feed);
      }
      this.options.log.info({ err: String(err), feeds }, 'sfu: subscribe failed, retrying');
      this.retryLater();
    } finally {
      this.flushing = false;
    }
    if (this.wanted.size > 0 && !this.retryTimer) void this.flush();
  }

  private retryLater(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, SUBSCRIBE_RETRY_MS);
    this.retryTimer.unref();
  }
}
