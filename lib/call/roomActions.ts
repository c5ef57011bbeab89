/**
 * Everything the UI may ask of a room: RoomSession implements it, components
 * call it through useRoomSession(), and component tests fake exactly this.
 * Components never reach past it into media, peers or sockets.
 */
import type { Reaction } from '@/lib/peer-data/messages';

export type DeviceKind = 'camera' | 'mic';

/**
 * What hosts do (the server refuses it from anyone else), and the answer to a
 * host's request. Fire and forget: a refusal becomes a toast.
 */
export interface HostActions {
  setRoomLocked(locked: boolean): void;
  setWaitingRoom(on: boolean): void;
  /** Lets one person waiting in (by knock id), or everyone waiting without one. */
  admit(knockId?: string): void;
  deny(knockId?: string): void;
  /** Takes someone out of the call; `lock` locks the room in the same step. */
  removeParticipant(id: string, lock?: boolean): void;
  /** Asks one person to mute, or everyone else without an id. */
  askToMute(id?: string): void;
  askCameraOff(id: string): void;
  makeHost(id: string): void;
  /** Sets the room's passcode, or clears it with null. */
  setPasscode(passcode: string | null): void;
  endMeeting(): void;
  /** Our answer to a host who asked us to turn the camera off. */
  answerCameraRequest(turnOff: boolean): void;
}

export interface RoomActions extends HostActions {
  /** Lobby: remembered name and devices, the camera preview, who is in the room. */
  openLobby(): Promise<void>;
  refreshLobbyCount(): Promise<void>;
  /**
   * Enters the call as `displayName` (remembered, with the mic and camera
   * choice), with the room's passcode when it asks for one. A locked room, a
   * passcode or the waiting room show in the store's `lobbyStatus`.
   */
  join(displayName: string, passcode?: string): Promise<void>;
  leave(): void;
  /** From the "you left" screen back to the lobby. */
  rejoin(): void;

  toggleMic(): Promise<void>;
  toggleCamera(): Promise<void>;
  toggleScreen(): Promise<void>;
  /** Picks a camera or microphone (remembered for next time). */
  setDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /** Picks the speaker remote sound plays on (remembered for next time). */
  setSpeaker(deviceId: string): void;
  /** Noise suppression on the microphone, on or off (remembered). */
  toggleNoiseSuppression(): void;
  /** Background blur on the camera, on or off (remembered). */
  toggleBlur(): void;
  /** Starts recording the call, or stops it and saves the file. */
  toggleRecording(): Promise<void>;

  /** Sends a chat message; rejects (e.g. rate-limited): show failureMessage(err, 'chat'). */
  sendChat(text: string): Promise<void>;
  /** Offers a file to everyone; resolves with a problem to tell the person, or null. */
  shareFile(file: File): Promise<string | null>;
  acceptFile(key: string): void;
  declineFile(key: string): void;
  cancelFile(key: string): void;
  dismissFile(key: string): void;
  raiseHand(raised: boolean): void;
  /** False when reactions are coming too fast. */
  react(emoji: Reaction): boolean;

  /** "Retry" on a person we could not connect to. */
  retryConnection(id: string): void;
}
