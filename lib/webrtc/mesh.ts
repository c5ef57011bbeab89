import { Emitter } from '@/lib/util/emitter';
import { PeerErrorCode } from '@/lib/protocol/limits';
import type { PeerChannels } from './channels';
import { meshLimits } from './adaptation';
import { ConnectWatch, type ConnectStep } from './connectWatch';
import {
  Peer,
  type LocalTracks,
  type PeerOptions,
  type PeerSignal,
  type RemoteMedia,
  type TrackSlot,
} from './peer';

export type MeshEvents = {
  /** A Peer has something to send to its remote participant through signaling. */
  signal: [to: string, signal: PeerSignal];
  media: [id: string, media: RemoteMedia];
  connection: [id: string, state: RTCPeerConnectionState];
  problem: [id: string, reason: string | null];
  /** We gave up connecting to this participant (true) or are trying again (false). */
  unreachable: [id: string, unreachable: boolean];
  /** Something to tell this participant about our connection, through the server. */
  'peer-error': [to: string, code: PeerErrorCode];
  /** This participant's data channels are open (see channels.ts). */
  'channel-open': [id: string];
  /** This participant's data channels closed, or the Peer went away. */
  'channel-close': [id: string];
  /** A JSON message on the control channel, not yet validated. */
  'channel-control': [id: string, message: unknown];
  /** A binary frame on the files channel. */
  'channel-binary': [id: string, data: ArrayBuffer];
};

export interface MeshOptions {
  selfId: string;
  rtcConfig: RTCConfiguration;
  createConnection?: PeerOptions['createConnection'];
  onError?: (id: string, err: Error) => void;
  /** Sender limits that follow the room size (default on); false leaves the browser's defaults. */
  adaptToRoomSize?: boolean;
  /** Time per escalation step of a connection that does not come up (connectWatch.ts). */
  connectStepMs?: number;
}

/** A reset we started ourselves makes a "retry" from the other side within this window redundant. */
const RESET_QUIET_MS = 3_000;

/** The full mesh: one Peer per remote participant, and the local tracks they all send. */
export class Mesh extends Emitter<MeshEvents> {
  private readonly peers = new Map<string, Peer>();
  private readonly watches = new Map<string, ConnectWatch>();
  private readonly lastReset = new Map<string, number>();
  private readonly tracks: LocalTracks = {
    mic: null,
    camera: null,
    screen: null,
    screenAudio: null,
  };
  private rtcConfig: RTCConfiguration;

  constructor(private readonly options: MeshOptions) {
    super();
    this.rtcConfig = options.rtcConfig;
  }

  /** Connects to a participant. `initiator`: we are the newcomer and offer first. */
  add(id: string, initiator: boolean): Peer {
    this.watches.get(id)?.stop();
    const watch = new ConnectWatch((step) => this.onStep(id, step), this.options.connectStepMs);
    this.watches.set(id, watch);
    return this.connect(id, initiator);
  }

  /** A new Peer for `id`, replacing any current one; its ConnectWatch stays. */
  private connect(id: string, initiator: boolean): Peer {
    this.peers.get(id)?.close();
    const peer = new Peer({
      id,
      selfId: this.options.selfId,
      initiator,
      rtcConfig: this.rtcConfig,
      tracks: this.tracks,
      createConnection: this.options.createConnection,
    });
    peer.on('signal', (signal) => this.emit('signal', id, signal));
    peer.on('media', (media) => this.emit('media', id, media));
    peer.on('state', (state) => {
      if (state === 'connected') {
        this.watches.get(id)?.connected();
        this.emit('unreachable', id, false);
      }
      this.emit('connection', id, state);
    });
    peer.on('refused', (kind) => {
      // A refused offer is the other side's to send again; a refused answer, ours.
      if (kind === 'offer') this.emit('peer-error', id, PeerErrorCode.NegotiationFailed);
      else this.watches.get(id)?.fail();
    });
    peer.on('problem', (reason) => this.emit('problem', id, reason));
    peer.on('error', (err) => this.options.onError?.(id, err));
    peer.channels.on('open', () => this.emit('channel-open', id));
    peer.channels.on('close', () => this.emit('channel-close', id));
    peer.channels.on('control', (message) => this.emit('channel-control', id, message));
    peer.channels.on('binary', (data) => this.emit('channel-binary', id, data));
    this.peers.set(id, peer);
    this.emit('connection', id, peer.connectionState);
    // The newcomer's Peer knows its camera transceivers from construction on.
    if (peer.remoteMedia.camera) this.emit('media', id, peer.remoteMedia);
    this.adaptToRoomSize();
    return peer;
  }

  remove(id: string): void {
    this.peers.get(id)?.close();
    this.peers.delete(id);
    this.watches.get(id)?.stop();
    this.watches.delete(id);
    this.lastReset.delete(id);
    this.adaptToRoomSize();
  }

  /** What the other end told us about our connection to them (see PeerErrorCode). */
  handlePeerError(from: string, code: PeerErrorCode): void {
    const peer = this.peers.get(from);
    const watch = this.watches.get(from);
    if (!peer || !watch) return;
    switch (code) {
      case PeerErrorCode.NegotiationFailed:
        watch.fail();
        break;
      case PeerErrorCode.ConnectionReset:
        // They start over as the offering side: a fresh connection that waits for their offer.
        this.connect(from, false);
        watch.restart();
        this.emit('unreachable', from, false);
        break;
      case PeerErrorCode.ConnectionFailed:
        watch.abandon();
        this.emit('unreachable', from, true);
        break;
      case PeerErrorCode.RetryRequest:
        // Both ends clicking Retry at once: our own fresh reset already answers theirs.
        if (watch.gaveUp || Date.now() - (this.lastReset.get(from) ?? 0) > RESET_QUIET_MS) {
          this.reset(from);
        }
        break;
    }
  }

  /** A person asked to try again: a fresh connection, offered from whichever side offered first. */
  retry(id: string): void {
    const peer = this.peers.get(id);
    if (!peer) return;
    if (peer.initiator) {
      this.reset(id);
    } else {
      this.watches.get(id)?.restart();
      this.emit('unreachable', id, false);
      this.emit('peer-error', id, PeerErrorCode.RetryRequest);
    }
  }

  /** Closes the connection to `id` and offers a new one; the other side makes a fresh one too. */
  private reset(id: string): void {
    this.lastReset.set(id, Date.now());
    this.watches.get(id)?.restart();
    this.emit('unreachable', id, false);
    // Sent before the new Peer's offer: the server relays both in order.
    this.emit('peer-error', id, PeerErrorCode.ConnectionReset);
    this.connect(id, true);
  }

  private onStep(id: string, step: ConnectStep): void {
    const peer = this.peers.get(id);
    if (!peer) return;
    if (step === 'reoffer') {
      peer.retryNegotiation();
    } else if (step === 'recreate') {
      // The side that offered first starts over; the other waits for it.
      if (peer.initiator) {
        this.lastReset.set(id, Date.now());
        this.emit('peer-error', id, PeerErrorCode.ConnectionReset);
        this.connect(id, true);
      }
    } else {
      this.emit('unreachable', id, true);
      this.emit('peer-error', id, PeerErrorCode.ConnectionFailed);
    }
  }

  has(id: string): boolean {
    return this.peers.has(id);
  }

  get(id: string): Peer | undefined {
    return this.peers.get(id);
  }

  /** The data channels to one participant, if connected to them. */
  channels(id: string): PeerChannels | undefined {
    return this.peers.get(id)?.channels;
  }

  /** Sends a control message to everyone whose channels are open. */
  broadcastControl(message: object): void {
    for (const peer of this.peers.values()) peer.channels.sendControl(message);
  }

  get size(): number {
    return this.peers.size;
  }

  /** Routes a relayed signal to its Peer. Signals from unknown participants are dropped. */
  handleSignal(from: string, signal: PeerSignal): void {
    void this.peers.get(from)?.handleSignal(signal);
  }

  setTrack(slot: TrackSlot, track: MediaStreamTrack | null): void {
    this.tracks[slot] = track;
    for (const peer of this.peers.values()) peer.setTrack(slot, track);
  }

  /** Every slot at once, e.g. from a LocalMedia snapshot. */
  setTracks(tracks: LocalTracks): void {
    for (const slot of ['mic', 'camera', 'screen', 'screenAudio'] as const) {
      this.setTrack(slot, tracks[slot]);
    }
  }

  /** Every Peer gets the sender limits for the room's current size (us included). */
  private adaptToRoomSize(): void {
    if (this.options.adaptToRoomSize === false) return;
    const limits = meshLimits(this.peers.size + 1);
    for (const peer of this.peers.values()) peer.applySenderLimits(limits);
  }

  /** New ICE servers (fresh TURN credentials) for connections made from now on and for ICE restarts. */
  setRtcConfig(config: RTCConfiguration): void {
    this.rtcConfig = config;
    for (const peer of this.peers.values()) {
      try {
        peer.setIceServers(config.iceServers ?? []);
      } catch (err) {
        this.options.onError?.(peer.id, err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  close(): void {
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    for (const watch of this.watches.values()) watch.stop();
    this.watches.clear();
    this.removeAllListeners();
  }
}
