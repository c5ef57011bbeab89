import { IceRefresh } from './iceRefresh';
import {
  LocalMedia,
  mediaStateOf,
  sameMediaState,
  type LocalMediaSnapshot,
} from '@/lib/media/localMedia';
import { PeerData } from '@/lib/peer-data/peerData';
import type { MediaState, PeerInfo, RoomEntered } from '@/lib/protocol';
import { joinFailureMessage, SignalingClient } from '@/lib/signaling/signalingClient';
import { ReturnWatch } from './returnWatch';
import type { RoomStore } from '@/lib/store';
import { Mesh } from '@/lib/webrtc/mesh';
import type { PeerSignal } from '@/lib/webrtc/peer';

/** How long someone missing after a reconnect keeps their tile, waiting for them to come back too. */
const RETURN_GRACE_MS = 15_000;

export interface RoomSessionOptions {
  roomId: string;
  store: RoomStore;
  /** Makes the signaling client; tests pass one bound to their own server. */
  createSignaling?: () => SignalingClient;
  createConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** Test switch: gather relay (TURN) candidates only. */
  forceRelay?: boolean;
  /** Sender limits that follow the room size (default on); false for benchmarks' comparison runs. */
  adaptBitrate?: boolean;
}

export interface JoinPreferences {
  camera: boolean;
  mic: boolean;
}

/**
 * Everything one person does in one room, framework-free: local media, the
 * signaling link, and the mesh of peer connections. It writes what happens
 * into the room store; the React layer only renders the store and calls these methods.
 */
export class RoomSession {
  readonly media = new LocalMedia();
  private readonly store: RoomStore;
  private signaling: SignalingClient | null = null;
  private mesh: Mesh | null = null;
  private data: PeerData | null = null;
  private entered: RoomEntered | null = null;
  private announced: MediaState | null = null;
  private disposed = false;
  private readonly iceRefresh = new IceRefresh(
    () => this.connect().iceServers(),
    (iceServers) => this.mesh?.setRtcConfig(this.rtcConfig(iceServers)),
  );
  /** Participants the server did not list when we came back. */
  private readonly missing = new ReturnWatch(RETURN_GRACE_MS, (id) => this.onPeerLeft(id));
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly options: RoomSessionOptions) {
    this.store = options.store;
    this.cleanups.push(this.media.on('change', (snapshot) => this.onLocalMedia(snapshot)));
  }

  private get state() {
    return this.store.getState();
  }

  /** Lobby: start the preview with the person's choices and see who is in the room. */
  async startPreview(prefs: JoinPreferences): Promise<void> {
    this.connect();
    void this.refreshLobbyCount();
    await Promise.all([this.media.setCamera(prefs.camera), this.media.setMic(prefs.mic)]);
  }

  async refreshLobbyCount(): Promise<void> {
    try {
      const { count, capacity } = await this.connect().peek(this.options.roomId);
      if (!this.disposed) this.state.setLobbyCount(count, capacity);
    } catch {
      if (!this.disposed) this.state.setLobbyCount(null);
    }
  }

  async join(displayName: string): Promise<void> {
    const phase = this.state.phase;
    if (phase === 'joining' || phase === 'in-call') return;
    this.state.setPhase('joining');
    this.state.setSelf(null, displayName);
    try {
      await this.enter();
    } catch (err) {
      if (this.disposed) return;
      this.state.setPhase('failed', joinFailureMessage(err));
    }
  }

  leave(): void {
    this.signaling?.leave();
    this.teardownCall();
    this.signaling?.close();
    this.signaling = null;
    this.media.stopAll();
    this.state.setPhase('left');
  }

  /** Back to the lobby after leaving or a failed join. */
  backToLobby(prefs: JoinPreferences): void {
    this.state.setPhase('lobby');
    void this.startPreview(prefs);
  }

  toggleMic(): Promise<void> {
    return this.media.setMic(!this.media.snapshot.micOn);
  }

  toggleCamera(): Promise<void> {
    return this.media.setCamera(!this.media.snapshot.cameraOn);
  }

  toggleScreen(): Promise<void> {
    if (this.media.snapshot.screenOn) {
      this.media.stopScreen();
      return Promise.resolve();
    }
    return this.media.startScreen();
  }

  /** Sends a chat message to the room; rejects (e.g. rate-limited) with a SignalingError. */
  async sendChat(text: string): Promise<void> {
    if (!this.signaling || this.state.phase !== 'in-call') throw new Error('not in a call');
    await this.signaling.sendChat(text);
  }

  /** "Retry" on a person we could not connect to: a fresh connection to them. */
  retryConnection(id: string): void {
    this.mesh?.retry(id);
  }

  /** Files, raised hands and reactions over the data channels; null outside a call. */
  get peerData(): PeerData | null {
    return this.data;
  }

  /** The connection to one participant, for reading its stats; null if there is none. */
  peerConnection(id: string): RTCPeerConnection | null {
    return this.mesh?.get(id)?.pc ?? null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.signaling?.leave();
    this.teardownCall();
    this.signaling?.close();
    this.signaling = null;
    this.media.dispose();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  // ------------------------------------------------------------ signaling

  private connect(): SignalingClient {
    if (this.signaling) return this.signaling;
    const signaling = this.options.createSignaling?.() ?? new SignalingClient();
    this.signaling = signaling;
    signaling.on('link', (link) => this.onLink(link));
    signaling.on('peer-joined', (peer) => this.onPeerJoined(peer));
    signaling.on('peer-left', (id) => this.onPeerLeft(id));
    signaling.on('signal', (from, signal) => this.mesh?.handleSignal(from, signal));
    signaling.on('peer-error', (from, code) => this.mesh?.handlePeerError(from, code));
    signaling.on('media-state', (from, media) => this.state.setParticipantMedia(from, media));
    signaling.on('chat', (message) => this.state.addChatMessage(message));
    signaling.on('problem', (message) => console.warn('[parley]', message));
    if (signaling.connected) this.state.setLink('connected');
    return signaling;
  }

  private async enter(): Promise<void> {
    const signaling = this.connect();
    const entered = await signaling.enter({
      roomId: this.options.roomId,
      displayName: this.state.displayName,
      media: mediaStateOf(this.media.snapshot),
      ...(this.entered ? { resumeToken: this.entered.resumeToken } : {}),
    });
    const phase = this.state.phase;
    if (this.disposed || (phase !== 'joining' && phase !== 'in-call')) {
      signaling.leave();
      return;
    }
    const previous = this.entered;
    this.entered = entered;
    this.iceRefresh.schedule(entered.iceTtlSeconds);
    if (this.mesh && previous?.selfId === entered.selfId) {
      this.reconcile(entered);
      return;
    }
    this.teardownMesh();
    this.announced = mediaStateOf(this.media.snapshot);
    this.state.setSelf(entered.selfId, this.state.displayName);
    const mesh = new Mesh({
      selfId: entered.selfId,
      rtcConfig: this.rtcConfig(entered.iceServers),
      createConnection: this.options.createConnection,
      onError: (id, err) => console.warn('[parley] peer', id, err.message),
      adaptToRoomSize: this.options.adaptBitrate,
    });
    this.mesh = mesh;
    this.data = new PeerData(mesh, this.store, entered.selfId);
    mesh.on('signal', (to: string, signal: PeerSignal) => this.signaling?.send(to, signal));
    mesh.on('media', (id, media) => this.state.setParticipantStreams(id, media));
    mesh.on('connection', (id, state) => this.state.setParticipantConnection(id, state));
    mesh.on('problem', (id, reason) => this.state.setParticipantProblem(id, reason));
    mesh.on('unreachable', (id, value) => this.state.setParticipantUnreachable(id, value));
    mesh.on('peer-error', (to, code) => this.signaling?.sendPeerError(to, code));
    mesh.setTracks(this.media.snapshot);
    // We are the newcomer: we offer to everyone already here.
    for (const peer of entered.peers) {
      this.state.addParticipant(peer);
      mesh.add(peer.id, true);
    }
    this.state.setPhase('in-call');
    this.announceMedia(this.media.snapshot);
  }

  private rtcConfig(iceServers: RTCIceServer[]): RTCConfiguration {
    return {
      iceServers,
      ...(this.options.forceRelay ? { iceTransportPolicy: 'relay' as const } : {}),
    };
  }

  /**
   * Back on the signaling server with the same participant id (a blip, or a
   * server restart): keep every working connection and tile. Someone the server
   * does not list yet gets a grace period to come back before their tile goes.
   */
  private reconcile(entered: RoomEntered): void {
    const mesh = this.mesh;
    if (!mesh) return;
    const listed = new Set(entered.peers.map((p) => p.id));
    for (const peer of entered.peers) {
      this.missing.confirm(peer.id);
      this.state.addParticipant(peer);
      if (!this.healthy(peer.id)) mesh.add(peer.id, true);
      else mesh.get(peer.id)?.resendPendingOffer();
    }
    for (const id of Object.keys(this.state.participants)) {
      if (!listed.has(id)) this.missing.wait(id);
    }
    this.announced = null;
    this.announceMedia(this.media.snapshot);
  }

  private healthy(id: string): boolean {
    const state = this.mesh?.get(id)?.pc.connectionState;
    return state === 'connected' || state === 'connecting' || state === 'new';
  }

  private onPeerJoined(peer: PeerInfo): void {
    if (!this.mesh || peer.id === this.entered?.selfId) return;
    this.missing.confirm(peer.id);
    this.state.addParticipant(peer);
    // Someone coming back after a server restart keeps the connection we have.
    if (!this.healthy(peer.id)) this.mesh.add(peer.id, false);
  }

  private onPeerLeft(id: string): void {
    this.missing.confirm(id);
    this.mesh?.remove(id);
    this.state.removeParticipant(id);
  }

  private onLink(link: 'connected' | 'reconnecting'): void {
    this.state.setLink(link);
    if (link !== 'connected') return;
    if (this.entered && this.state.phase === 'in-call') {
      // Back after a blip: take our seat again; connections and tiles stay.
      this.enter().catch((err: unknown) => {
        if (!this.disposed)
          this.state.setPhase('failed', err instanceof Error ? err.message : 'Lost the meeting.');
      });
    } else if (this.state.phase === 'lobby') {
      void this.refreshLobbyCount();
    }
  }

  private teardownMesh(): void {
    this.missing.clear();
    this.data?.dispose();
    this.data = null;
    this.state.clearSharing();
    this.mesh?.close();
    this.mesh = null;
    this.state.clearParticipants();
  }

  private teardownCall(): void {
    this.teardownMesh();
    this.iceRefresh.stop();
    this.entered = null;
    this.announced = null;
  }

  // ------------------------------------------------------------ local media

  private onLocalMedia(snapshot: LocalMediaSnapshot): void {
    this.state.setLocal(snapshot);
    if (!this.mesh) return;
    this.mesh.setTracks(snapshot);
    this.announceMedia(snapshot);
  }

  private announceMedia(snapshot: LocalMediaSnapshot): void {
    const media = mediaStateOf(snapshot);
    if (sameMediaState(this.announced, media)) return;
    this.announced = media;
    this.signaling?.sendMediaState(media);
  }
}
