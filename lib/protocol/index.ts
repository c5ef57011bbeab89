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
  chatSendSchema,
  iceCandidateSchema,
  iceSchema,
  mediaStateSchema,
  mediaStateUpdateSchema,
  noPayload,
  peerErrorSchema,
  roomEnterSchema,
  roomPeekSchema,
  sdpAnswerSchema,
  sdpOfferSchema,
} from './schemas';
import { sfuClientSchemas, type RoomMode, type SfuClientEvents, type SfuServerEvents } from './sfu';

export * from './limits';
export * from './schemas';
export * from './sfu';

export interface ProtocolError {
  code: ErrorCode;
  message: string;
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
}

export interface Relayed {
  from: string;
  to: string;
}

export type LeaveReason = 'left' | 'disconnected';

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
  'room-enter': (payload: RoomEnter, ack: (res: Ack<RoomEntered>) => void) => void;
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
