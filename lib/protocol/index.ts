// The signaling contract shared by server and client: event maps, payload schemas, limits, error codes.
/**
 * Every client-to-server event has one schema in `clientSchemas`; its payload
 * type is derived from that schema. Both sides take their socket.io event types
 * from the maps below. Zod-free constants live in ./limits (browser code that
 * needs only them imports '@/lib/protocol/limits').
 */
import type { z } from 'zod';
import type { ErrorCode, PeerErrorCode } from './limits';
import {
  askMuteSchema,
  chatSendSchema,
  knockAnswerSchema,
  iceCandidateSchema,
  iceSchema,
  mediaStateSchema,
  mediaStateUpdateSchema,
  noPayload,
  participantTargetSchema,
  peerErrorSchema,
  removeParticipantSchema,
  roomEnterSchema,
  roomLockSchema,
  roomPeekSchema,
  sdpAnswerSchema,
  sdpOfferSchema,
  setPasscodeSchema,
  waitingRoomSchema,
} from './schemas';
import { sfuClientSchemas, type RoomMode, type SfuClientEvents, type SfuServerEvents } from './sfu';

export * from './limits';
export * from './schemas';
export * from './sfu';

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  /** With `rate-limited`: milliseconds until an attempt may succeed again. */
  retryAfterMs?: number;
}

export type Ack<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: ProtocolError };

// ---------------------------------------------------------------- payloads

export type MediaState = z.infer<typeof mediaStateSchema>;
export type IceCandidate = z.infer<typeof iceCandidateSchema>;
/** room-enter as sent (before the server cleans the display name). */
export type RoomEnter = z.input<typeof roomEnterSchema>;
export type RoomPeek = z.input<typeof roomPeekSchema>;
export type SdpOffer = z.input<typeof sdpOfferSchema>;
export type SdpAnswer = z.input<typeof sdpAnswerSchema>;
export type IceMessage = z.input<typeof iceSchema>;
export type PeerErrorMessage = z.input<typeof peerErrorSchema>;
export type ChatSend = z.input<typeof chatSendSchema>;
export type RoomLock = z.input<typeof roomLockSchema>;
export type WaitingRoom = z.input<typeof waitingRoomSchema>;
export type KnockAnswer = z.input<typeof knockAnswerSchema>;
export type RemoveParticipant = z.input<typeof removeParticipantSchema>;
export type AskMute = z.input<typeof askMuteSchema>;
export type ParticipantTarget = z.input<typeof participantTargetSchema>;
export type SetPasscode = z.input<typeof setPasscodeSchema>;

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface PeerInfo {
  id: string;
  displayName: string;
  media: MediaState;
  joinedAt: number;
}

export interface SessionDescription<T extends 'offer' | 'answer'> {
  type: T;
  sdp: string;
}

export interface RoomEntered {
  selfId: string;
  resumeToken: string;
  resumed: boolean;
  peers: PeerInfo[];
  iceServers: IceServer[];
  /** Seconds the TURN credentials in iceServers stay valid; null when there are none. */
  iceTtlSeconds: number | null;
  capacity: number;
  /** How the room's media travels now (absent: mesh); 'sfu': publish to the SFU at once. */
  mode?: RoomMode;
  /** Only to the person whose "New meeting" entry made the room: keep it, never share it. */
  hostKey?: string;
}

/** room-enter's answer when the room's waiting room is on: wait for knock-result. */
export interface RoomWaiting {
  waiting: true;
}

/** Who may do what in a room, sent to everyone in it on entry and whenever it changes. */
export interface RoomControlState {
  /** Participant ids with host rights. */
  hosts: string[];
  locked: boolean;
  waitingRoom: boolean;
  passcodeRequired: boolean;
}

/** Someone asking to join through the waiting room (shown to hosts only). */
export interface Knock {
  id: string;
  displayName: string;
  /** Server time of the knock. */
  at: number;
}

export interface Relayed {
  from: string;
  to: string;
}

export type LeaveReason = 'left' | 'disconnected' | 'removed';

/** A chat message as relayed: id, sender and time are stamped by the server. */
export interface ChatMessage {
  id: string;
  from: string;
  displayName: string;
  text: string;
  sentAt: number;
}

// ---------------------------------------------------------------- event maps

export interface ClientToServerEvents extends SfuClientEvents {
  /** Enters a room; with the waiting room on, answers `{ waiting: true }` instead (see knock-result). */
  'room-enter': (payload: RoomEnter, ack: (res: Ack<RoomEntered | RoomWaiting>) => void) => void;
  'room-peek': (
    payload: RoomPeek,
    ack: (res: Ack<{ count: number; capacity: number }>) => void,
  ) => void;
  'room-leave': (ack?: (res: Ack) => void) => void;
  /** Fresh ICE servers (TURN credentials) before the current ones expire. */
  'ice-servers': (
    ack: (res: Ack<{ iceServers: IceServer[]; iceTtlSeconds: number | null }>) => void,
  ) => void;
  'sdp-offer': (payload: SdpOffer, ack?: (res: Ack) => void) => void;
  'sdp-answer': (payload: SdpAnswer, ack?: (res: Ack) => void) => void;
  ice: (payload: IceMessage, ack?: (res: Ack) => void) => void;
  /** Tells one participant that our connection to them is in trouble (see PeerErrorCode). */
  'peer-error': (payload: PeerErrorMessage, ack?: (res: Ack) => void) => void;
  'media-state': (payload: MediaState, ack?: (res: Ack) => void) => void;
  /** A chat message to everyone in the room (live only, never stored). */
  chat: (payload: ChatSend, ack?: (res: Ack<{ message: ChatMessage }>) => void) => void;
  /** Host: lock or unlock the room. */
  'room-lock': (payload: RoomLock, ack?: (res: Ack) => void) => void;
  /** Host: waiting room on or off (off admits everyone waiting). */
  'waiting-room': (payload: WaitingRoom, ack?: (res: Ack) => void) => void;
  /** Host: let one knock (or everyone waiting) in. */
  admit: (payload: KnockAnswer, ack?: (res: Ack) => void) => void;
  /** Host: turn one knock (or everyone waiting) away. */
  deny: (payload: KnockAnswer, ack?: (res: Ack) => void) => void;
  /** Host: takes a participant out of the call (their sockets close). */
  'remove-participant': (payload: RemoveParticipant, ack?: (res: Ack) => void) => void;
  /** Host: asks one participant (or everyone else) to mute; clients obey. */
  'ask-mute': (payload: AskMute, ack?: (res: Ack) => void) => void;
  /** Host: asks one participant to turn the camera off; they choose. */
  'ask-camera-off': (payload: ParticipantTarget, ack?: (res: Ack) => void) => void;
  /** Host: gives a participant host rights too. */
  'make-host': (payload: ParticipantTarget, ack?: (res: Ack) => void) => void;
  /** Host: sets or clears the room's passcode. */
  'set-passcode': (payload: SetPasscode, ack?: (res: Ack) => void) => void;
  /** Host: ends the meeting for everyone. */
  'end-meeting': (ack?: (res: Ack) => void) => void;
}

export interface ServerToClientEvents extends SfuServerEvents {
  'peer-joined': (peer: PeerInfo) => void;
  'peer-left': (payload: { id: string; reason: LeaveReason }) => void;
  'sdp-offer': (payload: Relayed & { description: SessionDescription<'offer'> }) => void;
  'sdp-answer': (payload: Relayed & { description: SessionDescription<'answer'> }) => void;
  ice: (payload: Relayed & { candidate: IceCandidate | null }) => void;
  'peer-error': (payload: Relayed & { code: PeerErrorCode }) => void;
  'media-state': (payload: { from: string; media: MediaState }) => void;
  chat: (message: ChatMessage) => void;
  /** Sent when a client event without an ack callback was refused. */
  'protocol-error': (payload: ProtocolError & { event: string }) => void;
  /** This node is shutting down: the connection closes next; reconnect (to another node). */
  'server-draining': () => void;
  /** Hosts, lock, waiting room, passcode: on entry and whenever they change. */
  'room-state': (state: RoomControlState) => void;
  /** Your seat became host (made host, or the hosts left): keep the key to come back as host. */
  'host-key': (payload: { hostKey: string }) => void;
  /** To hosts: everyone waiting in the waiting room, whenever it changes. */
  knocks: (payload: { knocks: Knock[] }) => void;
  /** To a waiting person: admitted (enter again with `admission`) or not. */
  'knock-result': (payload: { admitted: boolean; admission?: string }) => void;
  /** A host removed you; the connection closes next. */
  removed: () => void;
  /** A host ended the meeting for everyone (or everyone left while you waited). */
  'meeting-ended': () => void;
  /** A host asks you to mute (clients obey). */
  'mute-request': (payload: { from: string }) => void;
  /** A host asks you to turn your camera off (you choose). */
  'camera-request': (payload: { from: string }) => void;
}

export type ClientEventName = keyof ClientToServerEvents;

/** The one schema each client event's payload is validated with (the server parses with it). */
export const clientSchemas = {
  'room-enter': roomEnterSchema,
  'room-peek': roomPeekSchema,
  'room-leave': noPayload,
  'ice-servers': noPayload,
  'sdp-offer': sdpOfferSchema,
  'sdp-answer': sdpAnswerSchema,
  ice: iceSchema,
  'peer-error': peerErrorSchema,
  'media-state': mediaStateUpdateSchema,
  chat: chatSendSchema,
  ...sfuClientSchemas,
  'room-lock': roomLockSchema,
  'waiting-room': waitingRoomSchema,
  admit: knockAnswerSchema,
  deny: knockAnswerSchema,
  'remove-participant': removeParticipantSchema,
  'ask-mute': askMuteSchema,
  'ask-camera-off': participantTargetSchema,
  'make-host': participantTargetSchema,
  'set-passcode': setPasscodeSchema,
  'end-meeting': noPayload,
} as const satisfies Record<ClientEventName, z.ZodType>;

/** A client event's payload as the server's handler gets it: parsed (and cleaned) by its schema. */
export type PayloadOf<E extends ClientEventName> = z.output<(typeof clientSchemas)[E]>;

type AckCallback<E extends ClientEventName> = Extract<
  Parameters<ClientToServerEvents[E]>[number],
  (res: never) => void
>;

/** What a successful ack of event E carries beside `ok: true`. */
export type AckResult<E extends ClientEventName> = Omit<
  Extract<Parameters<AckCallback<E>>[0], { ok: true }>,
  'ok'
>;

/** Whether `name` is an event of ClientToServerEvents (own keys of clientSchemas only). */
export function isClientEvent(name: string): name is ClientEventName {
  return Object.hasOwn(clientSchemas, name);
}
