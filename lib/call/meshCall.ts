import { CallMonitor, type ConnectionSource } from './callMonitor';
import { SfuCall } from './sfuCall';
import { ReturnWatch } from './returnWatch';
import {
  emptyLocalMedia,
  mediaStateOf,
  sameMediaState,
  type LocalMediaSnapshot,
} from '@/lib/media/localMedia';
import { PeerData } from '@/lib/peer-data/peerData';
import type { MediaState, PeerErrorCode, PeerInfo, RoomEntered } from '@/lib/protocol';
import type { Signaling } from '@/lib/signaling/signalingClient';
import type { RoomStore } from '@/lib/store';
import { Mesh } from '@/lib/webrtc/mesh';
import type { LocalTracks, PeerSignal } from '@/lib/webrtc/peer';

/** How long someone missing after a reconnect keeps their tile, waiting for them to come back too. */
const RETURN_GRACE_MS = 15_000;
/** Moving to the SFU: the mesh keeps playing until every camera decodes through it, or this long. */
const MOVE_TIMEOUT_MS = 10_000;
const NO_TRACKS: LocalTracks = { mic: null, camera: null, screen: null, screenAudio: null };

export interface MeshCallOptions {
  store: RoomStore;
  signaling: () => Signaling | null;
  selfId: string;
  rtcConfig: RTCConfiguration;
  createConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  adaptBitrate?: boolean;
}

/**
 * One call, from entering the room to leaving it: a Peer per remote person,
 * the data channels' features, the call monitor, and what the store shows of
 * all of it. RoomSession routes signaling here.
 *
 * Media travels through the mesh until the room moves to the SFU (room-mode,
 * or a room that is there already): then an SfuCall carries it, make-before-
 * break: the mesh keeps playing until everyone's camera decodes through the
 * SFU. From then on the mesh stays up for the data channels only (raised
 * hands, reactions, files), sending no media.
 */
export class MeshCall {
  private readonly mesh: Mesh;
  readonly data: PeerData;
  private readonly monitor: CallMonitor;
  private announced: MediaState | null = null;
  private local: LocalMediaSnapshot = emptyLocalMedia;
  private rtcConfig: RTCConfiguration;
  /** The SFU transport once the room moved; `sfuLive` once it carries the media the store shows. */
  private sfu: SfuCall | null = null;
  private sfuLive = false;
  private moveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly cleanups: (() => void)[] = [];
  /** Participants the server did not list when we came back. */
  private readonly missing = new ReturnWatch(RETURN_GRACE_MS, (id) => this.peerLeft(id));

  constructor(private readonly options: MeshCallOptions) {
    const { store, selfId } = options;
    this.rtcConfig = options.rtcConfig;
    const mesh = new Mesh({
      selfId,
      rtcConfig: options.rtcConfig,
      createConnection: options.createConnection,
      onError: (id, err) => console.warn('[parley] peer', id, err.message),
      adaptToRoomSize: options.adaptBitrate,
    });
    this.mesh = mesh;
    this.data = new PeerData(mesh, store, selfId);
    const state = () => store.getState();
    mesh.on('signal', (to: string, signal: PeerSignal) => options.signaling()?.send(to, signal));
    // Once the SFU carries the media, the mesh's media and connection states are not what people see.
    mesh.on('media', (id, media) => this.sfuLive || state().setParticipantStreams(id, media));
    mesh.on(
      'connection',
      (id, connection) => this.sfuLive || state().setParticipantConnection(id, connection),
    );
    mesh.on('problem', (id, reason) => this.sfuLive || state().setParticipantProblem(id, reason));
    mesh.on(
      'unreachable',
      (id, value) => this.sfuLive || state().setParticipantUnreachable(id, value),
    );
    mesh.on('peer-error', (to, code) => options.signaling()?.sendPeerError(to, code));
    const meshSource: ConnectionSource = {
      connectionStats: (id) => mesh.get(id)?.connectedStats() ?? Promise.resolve(null),
      voiceReceiver: (id) => mesh.get(id)?.voiceReceiver() ?? null,
    };
    const source = () => (this.sfuLive && this.sfu ? this.sfu : meshSource);
    this.monitor = new CallMonitor(store, {
      connectionStats: (id) => source().connectionStats(id),
      voiceReceiver: (id) => source().voiceReceiver(id),
    });
    const sfuSignaling = options.signaling()?.sfu;
    if (sfuSignaling) {
      this.cleanups.push(
        sfuSignaling.on('mode', (mode) => mode === 'sfu' && this.moveToSfu(false)),
      );
    }
  }

  private get state() {
    return this.options.store.getState();
  }

  /**
   * We just entered: we are the newcomer and offer to everyone already here.
   * `announced` is the media state room-enter carried; the devices may have
   * changed while it was on its way (a join clicked before the mic was ready).
   */
  start(entered: RoomEntered, local: LocalMediaSnapshot, announced: MediaState): void {
    this.local = local;
    // Entering a room that is on the SFU already: the mesh carries data only from the start.
    this.mesh.setTracks(entered.mode === 'sfu' ? NO_TRACKS : local);
    for (const peer of entered.peers) {
      this.state.addParticipant(peer);
      this.mesh.add(peer.id, true);
    }
    // room-enter carried this state: tell the room only what changed since.
    this.announced = announced;
    this.announce(local);
    if (entered.mode === 'sfu') this.moveToSfu(true);
  }

  /**
   * Back on the signaling server with the same participant id (a blip, or a
   * server restart): keep every working connection and tile. Someone the server
   * does not list yet gets a grace period to come back before their tile goes.
   */
  reconcile(entered: RoomEntered, local: LocalMediaSnapshot): void {
    const listed = new Set(entered.peers.map((p) => p.id));
    for (const peer of entered.peers) {
      this.missing.confirm(peer.id);
      this.state.addParticipant(peer);
      if (!this.healthy(peer.id)) this.mesh.add(peer.id, true);
      else this.mesh.get(peer.id)?.resendPendingOffer();
    }
    for (const id of Object.keys(this.state.participants)) {
      if (!listed.has(id)) this.missing.wait(id);
    }
    this.announced = null;
    this.local = local;
    this.announce(local);
    // Our SFU connections stay (the server moves them to our new socket, or
    // says 'sfu-reset' when it cannot); the room may have moved while we were away.
    if (entered.mode === 'sfu' && !this.sfu) this.moveToSfu(false);
    // Everyone was gone long enough for the room to empty and start again as a mesh.
    if (entered.mode !== 'sfu' && this.sfu) this.backToMesh();
  }

  peerJoined(peer: PeerInfo): void {
    if (peer.id === this.options.selfId) return;
    this.missing.confirm(peer.id);
    this.state.addParticipant(peer);
    // Someone coming back after a server restart keeps the connection we have.
    if (!this.healthy(peer.id)) this.mesh.add(peer.id, false);
  }

  peerLeft(id: string): void {
    this.missing.confirm(id);
    this.mesh.remove(id);
    this.state.removeParticipant(id);
  }

  signal(from: string, signal: PeerSignal): void {
    this.mesh.handleSignal(from, signal);
  }

  peerError(from: string, code: PeerErrorCode): void {
    this.mesh.handlePeerError(from, code);
  }

  retry(id: string): void {
    this.mesh.retry(id);
  }

  setRtcConfig(config: RTCConfiguration): void {
    this.rtcConfig = config;
    this.mesh.setRtcConfig(config);
    this.sfu?.setRtcConfig(config);
  }

  localMedia(snapshot: LocalMediaSnapshot): void {
    this.local = snapshot;
    if (!this.sfuLive) this.mesh.setTracks(snapshot);
    this.sfu?.localMedia(snapshot);
    this.announce(snapshot);
  }

  /** Whether the SFU carries this call's media now (the mesh carries data only). */
  get onSfu(): boolean {
    return this.sfuLive;
  }

  /**
   * Starts the SFU transport. `immediate`: it carries the media at once (we
   * entered a room that is there already); else the mesh keeps playing until
   * every camera decodes through the SFU (or MOVE_TIMEOUT_MS), then stops sending.
   */
  private moveToSfu(immediate: boolean): void {
    const sfu = this.options.signaling()?.sfu;
    if (this.sfu || !sfu) return;
    const call = new SfuCall({
      store: this.options.store,
      sfu,
      rtcConfig: this.rtcConfig,
      createConnection: this.options.createConnection,
    });
    this.sfu = call;
    call.start(this.local);
    if (immediate) return this.finishMove(call);
    const started = Date.now();
    const check = async () => {
      this.moveTimer = null;
      if (this.sfu !== call) return;
      const cameras = Object.values(this.state.participants)
        .filter((p) => p.media.camera)
        .map((p) => p.id);
      const decoding = await call.decoding().catch(() => new Set<string>());
      const all = cameras.length > 0 && cameras.every((id) => decoding.has(id));
      if (this.sfu !== call) return;
      if (all || Date.now() - started > MOVE_TIMEOUT_MS) this.finishMove(call);
      else this.moveTimer = setTimeout(() => void check(), 250);
    };
    this.moveTimer = setTimeout(() => void check(), 250);
  }

  private backToMesh(): void {
    if (this.moveTimer) clearTimeout(this.moveTimer);
    this.sfu?.close();
    this.sfu = null;
    this.sfuLive = false;
    this.mesh.setTracks(this.local);
    for (const id of Object.keys(this.state.participants)) {
      const peer = this.mesh.get(id);
      if (!peer) continue;
      this.state.setParticipantStreams(id, peer.remoteMedia);
      this.state.setParticipantConnection(id, peer.connectionState);
    }
  }

  private finishMove(call: SfuCall): void {
    this.sfuLive = true;
    call.goLive();
    this.mesh.setTracks(NO_TRACKS);
  }

  close(): void {
    if (this.moveTimer) clearTimeout(this.moveTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.sfu?.close();
    this.sfu = null;
    this.missing.clear();
    this.monitor.dispose();
    this.data.dispose();
    this.mesh.close();
    this.state.clearSharing();
    this.state.clearParticipants();
  }

  private healthy(id: string): boolean {
    const state = this.mesh.get(id)?.connectionState;
    return state === 'connected' || state === 'connecting' || state === 'new';
  }

  private announce(snapshot: LocalMediaSnapshot): void {
    const media = mediaStateOf(snapshot);
    if (sameMediaState(this.announced, media)) return;
    this.announced = media;
    this.options.signaling()?.sendMediaState(media);
  }
}
