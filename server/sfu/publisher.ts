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
 */
export class SfuPublisher extends Emitter<SfuPublisherEvents> {
  private constructor(
    private readonly handle: VideoRoomHandle,
    readonly feed: string,
    readonly privateId: number,
    /** Who was already publishing when this one joined. */
    readonly initialPublishers: PublisherInfo[],
  ) {
    super();
    handle.on('videoroom_publisher_list', ({ publishers }) => this.emit('publishers', publishers));
    handle.on('videoroom_unpublished', ({ feed }) => {
      if (feed !== this.feed) this.emit('unpublished', feed);
    });
    handle.on('videoroom_leaving', ({ feed }) => {
      if (feed !== this.feed) this.emit('left', feed);
    });
    handle.on('handle_webrtcup', () => this.emit('webrtcup'));
    handle.on('handle_hangup', ({ reason }) => this.emit('hangup', reason ?? 'hangup'));
  }

  /** Joins `room` as a publisher with the given feed id; 'feed-taken' if it is in use. */
  static async join(handle: VideoRoomHandle, join: PublisherJoin): Promise<SfuPublisher> {
    const joined = await janusCall(() => handle.joinPublisher(join));
    if (joined.feed !== join.feed) {
      throw new SfuError('janus', `Janus gave feed ${joined.feed}, asked for ${join.feed}`);
    }
    return new SfuPublisher(handle, joined.feed, joined.private_id, joined.publishers);
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
