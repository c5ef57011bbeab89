import type { Jsep, PublisherInfo, VideoRoomHandle } from 'janode/plugins/videoroom';
import { Emitter } from '@/lib/util/emitter';
import { janusCall, SfuError } from './errors';

export type SfuPublisherEvents = {
  /** Others started publishing or changed their streams (Janus's `publishers` list). */
  publishers: [publishers: PublisherInfo[]];
  /** Someone stopped publishing (their feed id). */
  unpublished: [feed: string];
  /** Someone left the Janus room (their feed id). */
  left: [feed: string];
  /** This publisher's PeerConnection is up in Janus. */
  webrtcup: [];
  /** This publisher's PeerConnection closed in Janus (ICE failure, DTLS alert, ...). */
  hangup: [reason: string];
};

export interface PublisherJoin {
  room: string;
  pin: string;
  /** Parley's participant id: the feed id. Comes from the server's seat, never a client. */
  feed: string;
  display: string;
}

/**
 * One participant's publisher handle in a Janus room: joined on creation
 * (which reserves the feed id), then publish / configure / unpublish with the
 * browser's offers. `privateId` ties this participant's subscriber to it.
 *
 * It listens to the handle from before the join request and keeps who
 * publishes (`publishers`): Janus may tell the handle about a feed before or
 * right after its 'joined' answer (when several people join at once, as after
 * a Janus restart), before anyone listens to this object, and that feed would
 * never be announced again.
 */
export class SfuPublisher extends Emitter<SfuPublisherEvents> {
  private joinedAs: { privateId: number } | null = null;
  /** Feeds publishing in the room (not ours), from the join's list and every event since. */
  private readonly active = new Map<string, PublisherInfo>();
  /** Feeds that stopped or left before the join's answer came: its list may still name them. */
  private readonly goneBeforeJoin = new Set<string>();

  private constructor(
    private readonly handle: VideoRoomHandle,
    readonly feed: string,
  ) {
    super();
    handle.on('videoroom_publisher_list', ({ publishers }) => {
      const others = publishers.filter((p) => p.feed !== this.feed);
      for (const p of others) {
        this.active.set(p.feed, p);
        this.goneBeforeJoin.delete(p.feed);
      }
      if (others.length > 0) this.emit('publishers', others);
    });
    const gone = (feed: string, event: 'unpublished' | 'left') => {
      if (feed === this.feed) return;
      this.active.delete(feed);
      if (!this.joinedAs) this.goneBeforeJoin.add(feed);
      this.emit(event, feed);
    };
    handle.on('videoroom_unpublished', ({ feed }) => gone(feed, 'unpublished'));
    handle.on('videoroom_leaving', ({ feed }) => gone(feed, 'left'));
    handle.on('handle_webrtcup', () => this.emit('webrtcup'));
    handle.on('handle_hangup', ({ reason }) => this.emit('hangup', reason ?? 'hangup'));
  }

  /** Joins `room` as a publisher with the given feed id; 'feed-taken' if it is in use. */
  static async join(handle: VideoRoomHandle, join: PublisherJoin): Promise<SfuPublisher> {
    // Listening first: nothing Janus says on this handle is lost.
    const publisher = new SfuPublisher(handle, join.feed);
    try {
      const joined = await janusCall(() => handle.joinPublisher(join));
      if (joined.feed !== join.feed) {
        throw new SfuError('janus', `Janus gave feed ${joined.feed}, asked for ${join.feed}`);
      }
      publisher.joined(joined.private_id, joined.publishers);
      return publisher;
    } catch (err) {
      publisher.removeAllListeners();
      throw err;
    }
  }

  get privateId(): number {
    if (!this.joinedAs) throw new SfuError('janus', 'not joined');
    return this.joinedAs.privateId;
  }

  /** Everyone else publishing in the room now, as this handle heard it. */
  get publishers(): PublisherInfo[] {
    return [...this.active.values()];
  }

  private joined(privateId: number, listed: PublisherInfo[]): void {
    this.joinedAs = { privateId };
    for (const p of listed) {
      if (p.feed === this.feed || this.goneBeforeJoin.has(p.feed) || this.active.has(p.feed))
        continue;
      this.active.set(p.feed, p);
    }
    this.goneBeforeJoin.clear();
  }

  /** Publishes the browser's offer; returns Janus's answer. */
  async publish(offer: Jsep): Promise<Jsep> {
    if (offer.type !== 'offer') throw new SfuError('janus', 'publish needs an SDP offer');
    const result = await janusCall(() => this.handle.publish({ jsep: offer }));
    return answerOf(result.jsep);
  }

  /**
   * Renegotiates (a track added or removed, an ICE restart) with a new offer,
   * or changes settings without one. Returns Janus's answer when given an offer.
   */
  async configure(options: { offer?: Jsep; bitrate?: number }): Promise<Jsep | undefined> {
    const result = await janusCall(() =>
      this.handle.configure({ jsep: options.offer, bitrate: options.bitrate }),
    );
    return options.offer ? answerOf(result.jsep) : undefined;
  }

  /** Stops publishing; stays in the room (and keeps the feed id). */
  async unpublish(): Promise<void> {
    await janusCall(() => this.handle.unpublish());
  }

  /** Drops every listener, for when Janus has already lost the handle. */
  dispose(): void {
    this.removeAllListeners();
  }

  /** Leaves the room and drops the handle; never throws. */
  async close(): Promise<void> {
    this.removeAllListeners();
    await this.handle.leave().catch(() => {});
    await this.handle.detach().catch(() => {});
  }
}

function answerOf(jsep: Jsep | undefined): Jsep {
  if (!jsep || jsep.type !== 'answer') throw new SfuError('janus', 'Janus sent no SDP answer');
  return jsep;
}
