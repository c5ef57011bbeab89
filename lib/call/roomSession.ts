import { CallActionsDelegate } from './callActions';
import { HostControls } from './hostControls';
import { doneCreating, hostEntryFields, saveHostKey } from './hostKeys';
import { IceRefresh } from './iceRefresh';
import { MeshCall } from './meshCall';
import { Recording } from './recording';
import { loadPreferences, savePreferences } from './preferences';
import type { RoomActions } from './roomActions';
import { applyRememberedDevices } from '@/lib/media/devices';
import { MediaEffects } from '@/lib/media/effects/mediaEffects';
import { lazyEffects } from '@/lib/media/effects/lazyEffects';
import { LocalMedia, mediaStateOf, type LocalMediaSnapshot } from '@/lib/media/localMedia';
import type { RoomEntered } from '@/lib/protocol';
import { failureMessage, lobbyStatusOf } from './messages';
import { SignalingClient, type Signaling } from '@/lib/signaling/signalingClient';
import type { RoomStore } from '@/lib/store';

export interface RoomSessionOptions {
  roomId: string;
  store: RoomStore;
  /** Makes the signaling client; tests pass one bound to their own server. */
  createSignaling?: () => Signaling;
  createConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** Test switch: gather relay (TURN) candidates only. */
  forceRelay?: boolean;
  /** Sender limits that follow the room size (default on); false for benchmarks' comparison runs. */
  adaptBitrate?: boolean;
}

/**
 * Everything one person does in one room, framework-free: local media, the
 * signaling link, and the call (MeshCall) once in it. It writes what happens
 * into the room store; the React layer renders the store and calls RoomActions.
 */
export class RoomSession extends CallActionsDelegate implements RoomActions {
  protected readonly media = new LocalMedia();
  /** Noise suppression and blur between LocalMedia and what is sent and shown. */
  protected readonly effects = new MediaEffects(lazyEffects);
  protected readonly store: RoomStore;
  private signaling: Signaling | null = null;
  private call: MeshCall | null = null;
  private entered: RoomEntered | null = null;
  private disposed = false;
  private readonly iceRefresh = new IceRefresh(
    () => this.connect().iceServers(),
    (iceServers) => this.call?.setRtcConfig(this.rtcConfig(iceServers)),
  );
  private readonly cleanups: (() => void)[] = [];
  protected readonly recording: Recording;
  protected readonly host: HostControls;
  /** The passcode given in the lobby, for this entry and re-entries. */
  private passcode: string | undefined;

  constructor(private readonly options: RoomSessionOptions) {
    super();
    this.store = options.store;
    this.recording = new Recording(this.store, options.roomId, () =>
      this.onLocalMedia(this.effects.snapshot),
    );
    this.host = new HostControls({
      store: this.store,
      host: () => this.signaling?.host,
      muteMic: () => void this.media.setMic(false),
      cameraOff: () => void this.media.setCamera(false),
      closed: (reason) => this.closed(reason),
      knockAnswered: (admission) => this.knockAnswered(admission),
      hostKey: (key) => saveHostKey(options.roomId, key),
    });
    this.cleanups.push(
      this.media.on('change', (snapshot) => this.effects.input(snapshot)),
      this.effects.on('change', (snapshot) => this.onLocalMedia(snapshot)),
      this.effects.on('state', (effects) => this.state.setEffects(effects)),
    );
  }

  private get state() {
    return this.store.getState();
  }

  protected get current(): MeshCall | null {
    return this.call;
  }

  // ------------------------------------------------------------ lobby and call

  async openLobby(): Promise<void> {
    const prefs = loadPreferences();
    if (prefs.speakerDeviceId) this.state.setSpeakerId(prefs.speakerDeviceId);
    if (!this.state.displayName && prefs.displayName) {
      this.state.setSelf(null, prefs.displayName);
    }
    await applyRememberedDevices(this.media, prefs);
    if (this.disposed) return;
    this.effects.setEnabled('mic', prefs.noiseSuppression);
    this.effects.setEnabled('camera', prefs.blur);
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

  async join(displayName: string, passcode?: string): Promise<void> {
    const phase = this.state.phase;
    if (phase === 'joining' || phase === 'in-call') return;
    const { micOn, cameraOn } = this.media.snapshot;
    savePreferences({ displayName, mic: micOn, camera: cameraOn });
    this.passcode = passcode || undefined;
    this.state.setLobbyStatus(null);
    this.state.setPhase('joining');
    this.state.setSelf(null, displayName);
    await this.tryEnter();
  }

  /** Enters; a lock, a passcode or a refusal go back to the lobby with why, anything else fails. */
  private async tryEnter(admission?: string): Promise<void> {
    try {
      await this.enter(admission);
    } catch (err) {
      if (this.disposed) return;
      const status = lobbyStatusOf(err);
      if (status) this.state.setPhase('lobby');
      else this.state.setPhase('failed', failureMessage(err, 'join'));
      this.state.setLobbyStatus(status);
    }
  }

  /** The waiting room's answer: enter with the admission, or back to the lobby, not let in. */
  private knockAnswered(admission: string | null): void {
    if (this.state.phase !== 'joining' || this.state.lobbyStatus !== 'knocking') return;
    if (admission) {
      void this.tryEnter(admission);
      return;
    }
    this.state.setPhase('lobby');
    this.state.setLobbyStatus('denied');
  }

  /** The server closed our seat (removed, or the meeting ended): a "left" screen that says why. */
  private closed(reason: 'removed' | 'meeting-ended'): void {
    this.leave();
    this.state.setLeftReason(reason === 'removed' ? 'removed' : 'ended');
  }

  leave(): void {
    void this.recording.stop(false);
    this.signaling?.leave();
    this.endCall();
    this.signaling?.close();
    this.signaling = null;
    this.media.stopAll();
    this.state.resetCall();
    this.state.setPhase('left');
  }

  rejoin(): void {
    this.state.resetCall();
    this.state.setPhase('lobby');
    void this.openLobby();
  }

  // ------------------------------------------------------------ chat

  async sendChat(text: string): Promise<void> {
    if (!this.signaling || this.state.phase !== 'in-call') throw new Error('not in a call');
    await this.signaling.sendChat(text);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.recording.stop(false);
    this.signaling?.leave();
    this.endCall();
    this.signaling?.close();
    this.signaling = null;
    this.media.dispose();
    this.effects.dispose();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  // ------------------------------------------------------------ signaling

  private connect(): Signaling {
    if (this.signaling) return this.signaling;
    const signaling = this.options.createSignaling?.() ?? new SignalingClient();
    this.signaling = signaling;
    signaling.on('link', (link) => this.onLink(link));
    signaling.on('peer-joined', (peer) => this.call?.peerJoined(peer));
    signaling.on('peer-left', (id) => this.call?.peerLeft(id));
    signaling.on('signal', (from, signal) => this.call?.signal(from, signal));
    signaling.on('peer-error', (from, code) => this.call?.peerError(from, code));
    signaling.on('media-state', (from, media) => this.state.setParticipantMedia(from, media));
    signaling.on('chat', (message) => this.state.addChatMessage(message));
    signaling.on('problem', (message) => console.warn('[parley]', message));
    if (signaling.host) this.host.attach(signaling.host);
    if (signaling.connected) this.state.setLink('connected');
    return signaling;
  }

  private async enter(admission?: string): Promise<void> {
    const signaling = this.connect();
    const { roomId } = this.options;
    const media = mediaStateOf(this.local);
    const answer = await signaling.enter({
      roomId,
      displayName: this.state.displayName,
      media,
      ...(this.entered ? { resumeToken: this.entered.resumeToken } : {}),
      ...hostEntryFields(roomId),
      ...(this.passcode ? { passcode: this.passcode } : {}),
      ...(admission ? { admission } : {}),
    });
    const phase = this.state.phase;
    if (this.disposed || (phase !== 'joining' && phase !== 'in-call')) {
      signaling.leave();
      return;
    }
    if (!('selfId' in answer)) {
      this.state.setLobbyStatus('knocking');
      return;
    }
    const entered = answer;
    doneCreating(roomId);
    if (entered.hostKey) saveHostKey(roomId, entered.hostKey);
    this.state.setLobbyStatus(null);
    const previous = this.entered;
    this.entered = entered;
    this.iceRefresh.schedule(entered.iceTtlSeconds);
    if (this.call && previous?.selfId === entered.selfId) {
      this.call.reconcile(entered, this.local);
      return;
    }
    this.call?.close();
    this.state.setSelf(entered.selfId, this.state.displayName);
    this.call = new MeshCall({
      store: this.store,
      signaling: () => this.signaling,
      selfId: entered.selfId,
      rtcConfig: this.rtcConfig(entered.iceServers),
      createConnection: this.options.createConnection,
      adaptBitrate: this.options.adaptBitrate,
    });
    this.call.start(entered, this.local, media);
    this.state.setPhase('in-call');
  }

  private rtcConfig(iceServers: RTCIceServer[]): RTCConfiguration {
    return {
      iceServers,
      ...(this.options.forceRelay ? { iceTransportPolicy: 'relay' as const } : {}),
    };
  }

  private onLink(link: 'connected' | 'reconnecting'): void {
    this.state.setLink(link);
    if (link !== 'connected') return;
    if (this.entered && this.state.phase === 'in-call') {
      // Back after a blip: take our seat again; connections and tiles stay.
      this.enter().catch((err: unknown) => {
        if (!this.disposed) this.state.setPhase('failed', failureMessage(err, 'join'));
      });
    } else if (this.state.phase === 'joining' && this.state.lobbyStatus === 'knocking') {
      // The knock went with the old connection: knock again.
      void this.tryEnter();
    } else if (this.state.phase === 'lobby') {
      void this.refreshLobbyCount();
    }
  }

  private endCall(): void {
    this.call?.close();
    this.call = null;
    this.iceRefresh.stop();
    this.entered = null;
  }

  // ------------------------------------------------------------ local media

  /** What is sent and announced: the effects' output, and whether we are recording. */
  private get local(): LocalMediaSnapshot {
    const snapshot = this.effects.snapshot;
    return this.recording.on ? { ...snapshot, recording: true } : snapshot;
  }

  private onLocalMedia(snapshot: LocalMediaSnapshot): void {
    this.state.setLocal(snapshot);
    this.call?.localMedia(this.local);
  }
}
