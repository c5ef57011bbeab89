import { hostFailureMessage } from './messages';
import type { HostActions } from './roomActions';
import type { Knock } from '@/lib/protocol';
import type { HostSignaling } from '@/lib/signaling/hostSignaling';
import type { RoomStore } from '@/lib/store';

export interface HostControlsOptions {
  store: RoomStore;
  /** The current link's host part; null or undefined while there is none. */
  host: () => HostSignaling | null | undefined;
  /** A host asked us to mute: the client obeys. */
  muteMic(): void;
  /** We accepted a host's request to turn the camera off. */
  cameraOff(): void;
  /** The server closed our seat. */
  closed(reason: 'removed' | 'meeting-ended'): void;
  /** The waiting room let us in (admission) or turned us away (null). */
  knockAnswered(admission: string | null): void;
  /** Our seat became host: keep the key for coming back. */
  hostKey(key: string): void;
}

/**
 * The host side of a room session: host requests down to the server, and
 * what the server says about the room's rights, the waiting room and hosts'
 * requests up into the store.
 */
export class HostControls implements HostActions {
  constructor(private readonly options: HostControlsOptions) {}

  private get state() {
    return this.options.store.getState();
  }

  /** Follows one signaling link's host events; they stop when the link closes. */
  attach(host: HostSignaling): void {
    const { options } = this;
    host.on('room-state', (state) => this.state.setRoomControl(state));
    host.on('knocks', (knocks) => this.onKnocks(knocks));
    host.on('host-key', (key) => options.hostKey(key));
    host.on('knock-result', (admission) => options.knockAnswered(admission));
    host.on('closed', (reason) => options.closed(reason));
    host.on('mute-request', (from) => {
      if (!this.state.local.micOn) return;
      options.muteMic();
      this.state.pushToast(`${this.nameOf(from)} muted your microphone`);
    });
    host.on('camera-request', (from) => this.state.setCameraRequest(from));
  }

  setRoomLocked(locked: boolean): void {
    this.send((h) => h.lock(locked));
  }

  setWaitingRoom(on: boolean): void {
    this.send((h) => h.waitingRoom(on));
  }

  admit(knockId?: string): void {
    this.send((h) => h.admit(knockId));
  }

  deny(knockId?: string): void {
    this.send((h) => h.deny(knockId));
  }

  removeParticipant(id: string, lock = false): void {
    this.send((h) => h.remove(id, lock));
  }

  askToMute(id?: string): void {
    this.send((h) => h.askMute(id));
  }

  askCameraOff(id: string): void {
    this.send((h) => h.askCameraOff(id));
  }

  makeHost(id: string): void {
    this.send((h) => h.makeHost(id));
  }

  setPasscode(passcode: string | null): void {
    this.send((h) => h.setPasscode(passcode));
  }

  endMeeting(): void {
    this.send((h) => h.endMeeting());
  }

  answerCameraRequest(turnOff: boolean): void {
    this.state.setCameraRequest(null);
    if (turnOff) this.options.cameraOff();
  }

  private onKnocks(knocks: Knock[]): void {
    const known = new Set(this.state.knocks.map((k) => k.id));
    for (const knock of knocks) {
      if (!known.has(knock.id)) this.state.pushToast(`${knock.displayName} asks to join`);
    }
    this.state.setKnocks(knocks);
  }

  private nameOf(id: string): string {
    return this.state.participants[id]?.displayName ?? 'A host';
  }

  private send(request: (host: HostSignaling) => Promise<void>): void {
    const host = this.options.host();
    if (!host) return;
    request(host).catch((err: unknown) => this.state.pushToast(hostFailureMessage(err)));
  }
}

/** RoomSession's host part: each HostActions method hands over to the session's HostControls. */
export abstract class HostActionsDelegate implements HostActions {
  protected abstract readonly host: HostActions;
  setRoomLocked(locked: boolean): void {
    this.host.setRoomLocked(locked);
  }
  setWaitingRoom(on: boolean): void {
    this.host.setWaitingRoom(on);
  }
  admit(knockId?: string): void {
    this.host.admit(knockId);
  }
  deny(knockId?: string): void {
    this.host.deny(knockId);
  }
  removeParticipant(id: string, lock?: boolean): void {
    this.host.removeParticipant(id, lock);
  }
  askToMute(id?: string): void {
    this.host.askToMute(id);
  }
  askCameraOff(id: string): void {
    this.host.askCameraOff(id);
  }
  makeHost(id: string): void {
    this.host.makeHost(id);
  }
  setPasscode(passcode: string | null): void {
    this.host.setPasscode(passcode);
  }
  endMeeting(): void {
    this.host.endMeeting();
  }
  answerCameraRequest(turnOff: boolean): void {
    this.host.answerCameraRequest(turnOff);
  }
}
