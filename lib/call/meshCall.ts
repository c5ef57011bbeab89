import { CallMonitor } from './callMonitor';
import { ReturnWatch } from './returnWatch';
import { mediaStateOf, sameMediaState, type LocalMediaSnapshot } from '@/lib/media/localMedia';
import { PeerData } from '@/lib/peer-data/peerData';
import type { MediaState, PeerErrorCode, PeerInfo, RoomEntered } from '@/lib/protocol';
import type { Signaling } from '@/lib/signaling/signalingClient';
import type { RoomStore } from '@/lib/store';
import { Mesh } from '@/lib/webrtc/mesh';
import type { PeerSignal } from '@/lib/webrtc/peer';

/** How long someone missing after a reconnect keeps their tile, waiting for them to come back too. */
const RETURN_GRACE_MS = 15_000;

export interface MeshCallOptions {
  store: RoomStore;
  signaling: () => Signaling | null;
  selfId: string;
  rtcConfig: RTCConfiguration;
  createConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  adaptBitrate?: boolean;
}

/**
 * One call as a full mesh, from entering the room to leaving it: a Peer per
 * remote person, the data channels' features, the call monitor, and what the
 * store shows of all of it. RoomSession routes signaling here.
 */
export class MeshCall {
  private readonly mesh: Mesh;
  readonly data: PeerData;
  private readonly monitor: CallMonitor;
  private announced: MediaState | null = null;
  /** Participants the server did not list when we came back. */
  private readonly missing = new ReturnWatch(RETURN_GRACE_MS, (id) => this.peerLeft(id));

  constructor(private readonly options: MeshCallOptions) {
    const { store, selfId } = options;
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
    mesh.on('media', (id, media) => state().setParticipantStreams(id, media));
    mesh.on('connection', (id, connection) => state().setParticipantConnection(id, connection));
    mesh.on('problem', (id, reason) => state().setParticipantProblem(id, reason));
    mesh.on('unreachable', (id, value) => state().setParticipantUnreachable(id, value));
    mesh.on('peer-error', (to, code) => options.signaling()?.sendPeerError(to, code));
    this.monitor = new CallMonitor(store, {
      connectionStats: (id) => mesh.get(id)?.connectedStats() ?? Promise.resolve(null),
      voiceReceiver: (id) => mesh.get(id)?.voiceReceiver() ?? null,
    });
  }

  private get state() {
    return this.options.store.getState();
  }

  /** We just entered: we are the newcomer and offer to everyone already here. */
  start(entered: RoomEntered, local: LocalMediaSnapshot): void {
    this.mesh.setTracks(local);
    for (const peer of entered.peers) {
      this.state.addParticipant(peer);
      this.mesh.add(peer.id, true);
    }
    // room-enter carried our media state already.
    this.announced = mediaStateOf(local);
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
    this.announce(local);
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
    this.mesh.setRtcConfig(config);
  }

  localMedia(snapshot: LocalMediaSnapshot): void {
    this.mesh.setTracks(snapshot);
    this.announce(snapshot);
  }

  close(): void {
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
