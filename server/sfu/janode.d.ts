// Types for the part of janode 1.8.0 (which ships none) that server/sfu uses.
// Shapes read from janode's src/{connection,session,handle}.js and
// src/plugins/videoroom-plugin.js, checked against Janus 1.1.2 with string_ids.

declare module 'janode' {
  export interface JanusAddress {
    url: string;
    apisecret?: string;
    token?: string;
  }

  export interface JanodeConfig {
    address: JanusAddress | JanusAddress[];
    /** Seconds between attempts of the first connect (default 10). */
    retry_time_secs?: number;
    /** Extra attempts of the first connect (default 5); janode never reconnects later. */
    max_retries?: number;
    is_admin?: boolean;
  }

  /** Janus's `info` answer (only the fields Parley reads). */
  export interface JanusServerInfo {
    janus: 'server_info';
    name: string;
    version: number;
    version_string: string;
    plugins: Record<string, { name: string; version_string: string }>;
  }

  /** Errors janode throws for a Janus or plugin error carry the numeric code. */
  export interface JanodeError extends Error {
    _code?: number;
  }

  export interface JanodeConnection {
    readonly id: number;
    create(keepaliveSeconds?: number): Promise<JanodeSession>;
    getInfo(): Promise<JanusServerInfo>;
    close(): Promise<void>;
    /** `connection_closed` after close(); `connection_error` when Janus goes away. */
    once(event: 'connection_closed', listener: (data: { id: number }) => void): this;
    once(event: 'connection_error', listener: (error: Error) => void): this;
  }

  export interface PluginDescriptor<H> {
    id: string;
    Handle: new (...args: never[]) => H;
  }

  export interface JanodeSession {
    readonly id: number;
    attach<H>(plugin: PluginDescriptor<H>): Promise<H>;
    destroy(): Promise<void>;
    /** Also emitted when Janus times the session out or the connection drops. */
    once(event: 'session_destroyed', listener: (data: { id: number }) => void): this;
  }

  const Janode: {
    connect(config: JanodeConfig): Promise<JanodeConnection>;
    Logger: {
      setLevel(level: 'none' | 'error' | 'warning' | 'info' | 'verbose' | 'debug'): string;
    };
  };
  export default Janode;
}

declare module 'janode/plugins/videoroom' {
  import type { PluginDescriptor } from 'janode';

  export interface Jsep {
    type: 'offer' | 'answer';
    sdp: string;
  }

  /** One media stream of a publisher, as Janus lists it (multistream). */
  export interface PublisherStream {
    type: 'audio' | 'video' | 'data';
    mindex: number;
    mid: string;
    disabled?: boolean;
    codec?: string;
    description?: string;
    simulcast?: boolean;
    talking?: boolean;
  }

  export interface PublisherInfo {
    feed: string;
    display?: string;
    talking?: boolean;
    streams?: PublisherStream[];
  }

  /** One stream of a subscription: which publisher's mid it carries, on which local mid. */
  export interface SubscriptionStream {
    mindex: number;
    mid: string;
    type: 'audio' | 'video' | 'data';
    active?: boolean;
    feed_id?: string;
    feed_mid?: string;
    feed_display?: string;
    send?: boolean;
    ready?: boolean;
  }

  export interface StreamSelector {
    feed: string;
    mid?: string;
  }

  export interface CreateRequest {
    room: string;
    description?: string;
    max_publishers?: number;
    permanent?: boolean;
    is_private?: boolean;
    secret?: string;
    pin?: string;
    admin_key?: string;
    bitrate?: number;
    audiocodec?: string;
    videocodec?: string;
    talking_events?: boolean;
    require_pvtid?: boolean;
    notify_joining?: boolean;
  }

  export interface VideoRoomEvents {
    /** A subscription changed: carries Janus's new offer when one is needed. */
    videoroom_updated: { room: string; jsep?: Jsep; streams: SubscriptionStream[] };
    /** New or changed publishers in the room (to publisher handles). */
    videoroom_publisher_list: { room: string; publishers: PublisherInfo[] };
    videoroom_unpublished: { room: string; feed: string };
    videoroom_leaving: { room: string; feed: string; reason?: string };
    videoroom_destroyed: { room: string };
    videoroom_kicked: { room: string; feed: string };
    videoroom_error: Error;
    handle_hangup: { reason?: string };
    handle_webrtcup: Record<string, never>;
    handle_ice_failed: Record<string, never>;
    handle_detached: { id: number };
  }

  export class VideoRoomHandle {
    readonly id: number;
    on<E extends keyof VideoRoomEvents>(
      event: E,
      listener: (data: VideoRoomEvents[E]) => void,
    ): this;
    off<E extends keyof VideoRoomEvents>(
      event: E,
      listener: (data: VideoRoomEvents[E]) => void,
    ): this;
    detach(): Promise<void>;
    hangup(): Promise<void>;

    create(request: CreateRequest): Promise<{ room: string; permanent: boolean }>;
    exists(request: { room: string }): Promise<{ room: string; exists: boolean }>;
    destroy(request: {
      room: string;
      secret?: string;
      permanent?: boolean;
    }): Promise<{ room: string }>;
    list(request: {
      admin_key?: string;
    }): Promise<{ list: { room: string; num_participants: number }[] }>;
    listParticipants(request: { room: string; secret?: string }): Promise<{
      room: string;
      participants: { feed: string; display?: string; publisher: boolean }[];
    }>;
    kick(request: {
      room: string;
      feed: string;
      secret?: string;
    }): Promise<{ room: string; feed: string }>;

    joinPublisher(request: {
      room: string;
      feed: string;
      display?: string;
      pin?: string;
    }): Promise<{ room: string; feed: string; private_id: number; publishers: PublisherInfo[] }>;
    publish(request: {
      jsep: Jsep;
      bitrate?: number;
      descriptions?: { mid: string; description: string }[];
    }): Promise<{
      room: string;
      feed: string;
      configured: 'ok';
      jsep?: Jsep;
      streams?: PublisherStream[];
    }>;
    configure(request: {
      jsep?: Jsep;
      bitrate?: number;
      keyframe?: boolean;
      descriptions?: { mid: string; description: string }[];
    }): Promise<{ room: string; configured: 'ok'; jsep?: Jsep; streams?: PublisherStream[] }>;
    unpublish(): Promise<{ room: string; feed: string }>;
    leave(): Promise<{ room: string; feed?: string }>;

    joinSubscriber(request: {
      room: string;
      streams: StreamSelector[];
      private_id?: number;
      pin?: string;
      autoupdate?: boolean;
      use_msid?: boolean;
    }): Promise<{ room: string; jsep?: Jsep; streams?: SubscriptionStream[] }>;
    start(request: { jsep: Jsep }): Promise<{ room: string; started: 'ok' }>;
    update(request: {
      subscribe?: StreamSelector[];
      unsubscribe?: StreamSelector[];
    }): Promise<{ room: string; jsep?: Jsep; streams: SubscriptionStream[] }>;
  }

  const VideoRoomPlugin: PluginDescriptor<VideoRoomHandle> & {
    EVENT: { [name: string]: string };
  };
  export default VideoRoomPlugin;
}
