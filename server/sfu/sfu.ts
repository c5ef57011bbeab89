import type { VideoRoomHandle } from 'janode/plugins/videoroom';
import { Emitter } from '@/lib/util/emitter';
import { silentLogger } from '@/server/ops/logger';
import { janusCall, SfuError } from './errors';
import { JanusLink, type JanusLinkEvents, type JanusLinkOptions } from './link';
import { SfuParticipant } from './participant';
import { SfuPublisher } from './publisher';
import { roomCredentials, type RoomCredentials } from './secrets';
import { SfuSubscriber } from './subscriber';

export interface JanusSfuOptions extends JanusLinkOptions {
  /** The VideoRoom plugin's admin_key (janus.plugin.videoroom.jcfg): needed to create rooms. */
  adminKey: string;
  /** Server-side secret each room's Janus secret and pin are derived from. */
  roomSecret: string;
  /** Publishers a Janus room admits (Parley's MAX_PARTICIPANTS in SFU rooms). */
  maxPublishers: number;
}

/** The identity of a seat, decided by Parley's server (never by a client). */
export interface SfuSeat {
  roomId: string;
  participantId: string;
  display: string;
}

/**
 * Parley's Janus VideoRoom: private rooms created on demand, and per
 * participant a publisher and a subscriber handle. Janus keeps rooms in
 * memory only: after 'down' then 'up' (a Janus restart), call ensureRoom
 * again and have everyone join and publish again.
 */
export class JanusSfu extends Emitter<JanusLinkEvents> {
  readonly link: JanusLink;
  private admin: Promise<VideoRoomHandle> | null = null;
  /** Rooms this process created or found since the last 'up'. */
  private readonly rooms = new Set<string>();
  private readonly participants = new Map<string, SfuParticipant>();

  constructor(private readonly options: JanusSfuOptions) {
    super();
    this.link = new JanusLink(options);
    this.link.on('down', (reason) => {
      this.admin = null;
      this.rooms.clear();
      for (const participant of [...this.participants.values()]) participant.lost();
      this.emit('down', reason);
    });
    this.link.on('up', () => this.emit('up'));
  }

  get isUp(): boolean {
    return this.link.isUp;
  }

  start(): void {
    this.link.start();
  }

  whenUp(timeoutMs: number): Promise<void> {
    return this.link.whenUp(timeoutMs);
  }

  /** The Janus room's secret and pin (server-side only). */
  credentials(roomId: string): RoomCredentials {
    return roomCredentials(this.options.roomSecret, roomId);
  }

  /** Creates the room in Janus unless it is there: private, secret, pin, explicit publisher count. */
  async ensureRoom(roomId: string): Promise<void> {
    if (this.rooms.has(roomId)) return;
    const admin = await this.adminHandle();
    const { secret, pin } = this.credentials(roomId);
    try {
      await janusCall(() =>
        admin.create({
          room: roomId,
          description: 'parley',
          admin_key: this.options.adminKey,
          is_private: true,
          secret,
          pin,
          max_publishers: this.options.maxPublishers,
          require_pvtid: true,
          permanent: false,
          notify_joining: false,
          audiocodec: 'opus',
          videocodec: 'vp8',
        }),
      );
    } catch (err) {
      if (!(err instanceof SfuError && err.code === 'room-exists')) throw err;
    }
    this.rooms.add(roomId);
  }

  async roomExists(roomId: string): Promise<boolean> {
    const admin = await this.adminHandle();
    return (await janusCall(() => admin.exists({ room: roomId }))).exists;
  }

  /** Feed ids in the Janus room and whether each publishes. */
  async listParticipants(roomId: string): Promise<{ feed: string; publisher: boolean }[]> {
    const admin = await this.adminHandle();
    const { secret } = this.credentials(roomId);
    const { participants } = await janusCall(() =>
      admin.listParticipants({ room: roomId, secret }),
    );
    return participants.map(({ feed, publisher }) => ({ feed, publisher }));
  }

  /** Closes everyone's handles in the room and destroys it in Janus (absent: fine). */
  async destroyRoom(roomId: string): Promise<void> {
    await Promise.all(
      [...this.participants.values()].filter((p) => p.roomId === roomId).map((p) => p.close()),
    );
    this.rooms.delete(roomId);
    const admin = await this.adminHandle();
    const { secret } = this.credentials(roomId);
    try {
      await janusCall(() => admin.destroy({ room: roomId, secret }));
    } catch (err) {
      if (!(err instanceof SfuError && err.code === 'no-such-room')) throw err;
    }
  }

  /**
   * Seats a participant in the room's Janus room (created if needed): joins a
   * publisher handle with feed id = participant id, and prepares a subscriber.
   * 'feed-taken' when that id is already in the Janus room.
   */
  async join(seat: SfuSeat): Promise<SfuParticipant> {
    const key = seatKey(seat.roomId, seat.participantId);
    if (this.participants.has(key)) {
      throw new SfuError('feed-taken', `${seat.participantId} already holds a seat here`);
    }
    await this.ensureRoom(seat.roomId);
    const { pin } = this.credentials(seat.roomId);
    const publisher = await this.publisherFor(seat, pin);
    let subscriberHandle: VideoRoomHandle;
    try {
      subscriberHandle = await this.link.attach();
    } catch (err) {
      await publisher.close();
      throw err;
    }
    const subscriber = new SfuSubscriber(subscriberHandle, {
      room: seat.roomId,
      pin,
      privateId: publisher.privateId,
    });
    const participant = new SfuParticipant(
      seat.roomId,
      seat.participantId,
      seat.display,
      publisher,
      subscriber,
      (p) => {
        if (this.participants.get(key) === p) this.participants.delete(key);
      },
    );
    this.participants.set(key, participant);
    return participant;
  }

  /**
   * A publisher handle alone (a screen share's own feed), joined with the
   * seat's id as its feed id; the caller closes it (or disposes it after 'down').
   */
  async joinPublisher(seat: SfuSeat): Promise<SfuPublisher> {
    await this.ensureRoom(seat.roomId);
    return this.publisherFor(seat, this.credentials(seat.roomId).pin);
  }

  /**
   * A publisher handle joined with the seat's id as its feed id. If Janus
   * still has that feed, another node holds the seat's old connection (the
   * person reconnected through another node before that node's grace ran
   * out): the seat is the caller's, so the stale feed is kicked and the join
   * made again, once.
   */
  private async publisherFor(seat: SfuSeat, pin: string): Promise<SfuPublisher> {
    const join = { room: seat.roomId, pin, feed: seat.participantId, display: seat.display };
    for (let attempt = 0; ; attempt++) {
      const handle = await this.link.attach();
      try {
        return await SfuPublisher.join(handle, join);
      } catch (err) {
        await handle.detach().catch(() => {});
        if (attempt > 0 || !(err instanceof SfuError && err.code === 'feed-taken')) throw err;
        (this.options.log ?? silentLogger).info(
          { roomId: seat.roomId, feed: seat.participantId },
          'sfu: feed held elsewhere, taking it over',
        );
        await this.kick(seat.roomId, seat.participantId);
      }
    }
  }

  /** Removes a feed from the Janus room (gone already: fine). */
  private async kick(roomId: string, feed: string): Promise<void> {
    const admin = await this.adminHandle();
    const { secret } = this.credentials(roomId);
    try {
      await janusCall(() => admin.kick({ room: roomId, feed, secret }));
    } catch (err) {
      if (!(err instanceof SfuError && err.code === 'no-such-feed')) throw err;
    }
  }

  participant(roomId: string, participantId: string): SfuParticipant | undefined {
    return this.participants.get(seatKey(roomId, participantId));
  }

  /** Everything the participant holds in Janus, released; no-op when they hold nothing. */
  async leave(roomId: string, participantId: string): Promise<void> {
    await this.participants.get(seatKey(roomId, participantId))?.close();
  }

  /** Releases every participant and disconnects. */
  async close(): Promise<void> {
    await Promise.all([...this.participants.values()].map((p) => p.close()));
    this.removeAllListeners();
    await this.link.close();
  }

  private adminHandle(): Promise<VideoRoomHandle> {
    if (!this.admin) {
      const attaching = this.link.attach();
      attaching.catch(() => {
        if (this.admin === attaching) this.admin = null;
      });
      this.admin = attaching;
    }
    return this.admin;
  }
}

function seatKey(roomId: string, participantId: string): string {
  return `${roomId}\n${participantId}`;
}
