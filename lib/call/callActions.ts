/**
 * The RoomActions that forward to the objects doing the work: your own media
 * (LocalMedia, effects, recording) and, once in the call, its data channels
 * and connections. RoomSession extends this and keeps only the room's life
 * (lobby, entry, leaving) itself.
 */
import { HostActionsDelegate } from './hostControls';
import type { MeshCall } from './meshCall';
import { savePreferences } from './preferences';
import type { Recording } from './recording';
import type { DeviceKind, RoomActions } from './roomActions';
import type { MediaEffects } from '@/lib/media/effects/mediaEffects';
import type { LocalMedia } from '@/lib/media/localMedia';
import type { Reaction } from '@/lib/peer-data/messages';
import type { RoomStore } from '@/lib/store';

type Delegated = Omit<
  RoomActions,
  'openLobby' | 'refreshLobbyCount' | 'join' | 'leave' | 'rejoin' | 'sendChat'
>;

export abstract class CallActionsDelegate extends HostActionsDelegate implements Delegated {
  protected abstract readonly media: LocalMedia;
  protected abstract readonly effects: MediaEffects;
  protected abstract readonly recording: Recording;
  protected abstract readonly store: RoomStore;
  /** The call, once in it. */
  protected abstract get current(): MeshCall | null;

  // ------------------------------------------------------------ your media

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

  setDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    savePreferences(kind === 'camera' ? { cameraDeviceId: deviceId } : { micDeviceId: deviceId });
    return this.media.useDevice(kind, deviceId);
  }

  setSpeaker(deviceId: string): void {
    savePreferences({ speakerDeviceId: deviceId });
    this.store.getState().setSpeakerId(deviceId);
  }

  toggleNoiseSuppression(): void {
    const on = !this.effects.isEnabled('mic');
    savePreferences({ noiseSuppression: on });
    this.effects.setEnabled('mic', on);
  }

  toggleBlur(): void {
    const on = !this.effects.isEnabled('camera');
    savePreferences({ blur: on });
    this.effects.setEnabled('camera', on);
  }

  toggleRecording(): Promise<void> {
    return this.recording.toggle();
  }

  // ------------------------------------------------------------ in the call

  shareFile(file: File): Promise<string | null> {
    return this.current?.data.shareFile(file) ?? Promise.resolve('Join the call to share files.');
  }

  acceptFile(key: string): void {
    this.current?.data.acceptFile(key);
  }

  declineFile(key: string): void {
    this.current?.data.declineFile(key);
  }

  cancelFile(key: string): void {
    this.current?.data.cancelFile(key);
  }

  dismissFile(key: string): void {
    this.current?.data.dismissFile(key);
  }

  raiseHand(raised: boolean): void {
    this.current?.data.setHand(raised);
  }

  react(emoji: Reaction): boolean {
    return this.current?.data.react(emoji) ?? false;
  }

  retryConnection(id: string): void {
    this.current?.retry(id);
  }
}
