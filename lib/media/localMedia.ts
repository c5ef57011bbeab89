import { Emitter } from '@/lib/util/emitter';
import type { MediaState } from '@/lib/protocol';
import { describeMediaError, openCamera, openMic, openScreen, type MediaProblem } from './capture';

export interface LocalMediaSnapshot {
  mic: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
  screenAudio: MediaStreamTrack | null;
  micOn: boolean;
  cameraOn: boolean;
  screenOn: boolean;
  micProblem: MediaProblem | null;
  cameraProblem: MediaProblem | null;
  screenProblem: MediaProblem | null;
  /** Set by the session while this person records the call: announced with the media state. */
  recording?: boolean;
}

/** Nothing on, no tracks: the state before the lobby opens anything. */
export const emptyLocalMedia: LocalMediaSnapshot = {
  mic: null,
  camera: null,
  screen: null,
  screenAudio: null,
  micOn: false,
  cameraOn: false,
  screenOn: false,
  micProblem: null,
  cameraProblem: null,
  screenProblem: null,
};

/** What the others are told about our media: on only when a live track is there. */
export function mediaStateOf(snapshot: LocalMediaSnapshot): MediaState {
  return {
    camera: snapshot.camera !== null,
    mic: snapshot.micOn && snapshot.mic !== null,
    screen: snapshot.screen !== null,
    ...(snapshot.recording ? { recording: true } : {}),
  };
}

export function sameMediaState(a: MediaState | null, b: MediaState): boolean {
  return (
    a !== null &&
    a.camera === b.camera &&
    a.mic === b.mic &&
    a.screen === b.screen &&
    (a.recording ?? false) === (b.recording ?? false)
  );
}

export type LocalMediaEvents = { change: [LocalMediaSnapshot] };

/**
 * This participant's own camera, microphone and screen. Camera off stops the
 * track, so the camera light goes out; mic off disables the track.
 */
export class LocalMedia extends Emitter<LocalMediaEvents> {
  private state: LocalMediaSnapshot = emptyLocalMedia;
  private cameraRequest = 0;
  private micRequest = 0;
  private disposed = false;
  cameraDeviceId: string | undefined;
  micDeviceId: string | undefined;

  get snapshot(): LocalMediaSnapshot {
    return this.state;
  }

  async setCamera(on: boolean): Promise<void> {
    const request = ++this.cameraRequest;
    if (!on) {
      this.state.camera?.stop();
      this.update({ camera: null, cameraOn: false });
      return;
    }
    this.update({ cameraOn: true, cameraProblem: null });
    try {
      const track = await openCamera(this.cameraDeviceId);
      if (request !== this.cameraRequest || this.disposed) {
        track.stop();
        return;
      }
      this.state.camera?.stop();
      track.addEventListener('ended', () => {
        if (this.state.camera === track) this.update({ camera: null, cameraOn: false });
      });
      this.update({ camera: track });
    } catch (err) {
      if (request !== this.cameraRequest) return;
      this.update({
        camera: null,
        cameraOn: false,
        cameraProblem: describeMediaError(err, 'camera'),
      });
    }
  }

  async setMic(on: boolean): Promise<void> {
    const request = ++this.micRequest;
    const current = this.state.mic;
    if (current && current.readyState === 'live') {
      current.enabled = on;
      this.update({ micOn: on });
      return;
    }
    if (!on) {
      this.update({ micOn: false });
      return;
    }
    this.update({ micOn: true, micProblem: null });
    try {
      const track = await openMic(this.micDeviceId);
      if (request !== this.micRequest || this.disposed) {
        track.stop();
        return;
      }
      track.enabled = this.state.micOn;
      this.update({ mic: track });
    } catch (err) {
      if (request !== this.micRequest) return;
      this.update({ mic: null, micOn: false, micProblem: describeMediaError(err, 'microphone') });
    }
  }

  /** Switches device: reopens the camera or mic on the chosen device if it is on. */
  async useDevice(kind: 'camera' | 'mic', deviceId: string): Promise<void> {
    if (kind === 'camera') {
      this.cameraDeviceId = deviceId;
      if (this.state.cameraOn) await this.setCamera(true);
    } else {
      this.micDeviceId = deviceId;
      const on = this.state.micOn;
      this.state.mic?.stop();
      this.update({ mic: null });
      if (on) await this.setMic(true);
    }
  }

  async startScreen(): Promise<void> {
    if (this.state.screen) return;
    try {
      const { video, audio } = await openScreen();
      if (this.disposed) {
        video.stop();
        audio?.stop();
        return;
      }
      // The browser's own "Stop sharing" bar ends the track: handle it like the button.
      video.addEventListener('ended', () => {
        if (this.state.screen === video) this.stopScreen();
      });
      this.update({ screen: video, screenAudio: audio, screenOn: true, screenProblem: null });
    } catch (err) {
      this.update({ screenProblem: describeMediaError(err, 'screen') });
    }
  }

  stopScreen(): void {
    this.state.screen?.stop();
    this.state.screenAudio?.stop();
    this.update({ screen: null, screenAudio: null, screenOn: false });
  }

  /** Stops every track. The object can still be used again afterwards. */
  stopAll(): void {
    this.cameraRequest++;
    this.micRequest++;
    for (const track of [
      this.state.mic,
      this.state.camera,
      this.state.screen,
      this.state.screenAudio,
    ])
      track?.stop();
    this.update({
      mic: null,
      camera: null,
      screen: null,
      screenAudio: null,
      cameraOn: false,
      screenOn: false,
    });
  }

  dispose(): void {
    this.stopAll();
    this.disposed = true;
    this.removeAllListeners();
  }

  private update(patch: Partial<LocalMediaSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.emit('change', this.state);
  }
}
