/**
 * The SFU part of the signaling contract: rooms past MESH_MAX people move to
 * Janus VideoRoom, and the browser's publisher and subscriber connections are
 * negotiated through these events (the server relays a whitelist of VideoRoom
 * requests; browsers never talk to Janus). lib/protocol/index.ts merges these
 * maps and schemas into its own.
 */
import { z } from 'zod';
import type { Ack, SessionDescription } from './index';

/** How a room's media travels: browser to browser, or through the SFU. */
export type RoomMode = 'mesh' | 'sfu';

/** Which of a person's streams: the camera (with the mic) or a screen share (with its sound). */
export type SfuSource = 'camera' | 'screen';

/**
 * SFU signaling carries bigger descriptions than the mesh: a subscriber
 * answer grows with every remote stream (~600 bytes per media section in
 * Chromium; 30 people with camera, mic and screen: ~90 sections).
 */
export const SFU_LIMITS = {
  sdp: 160 * 1024,
  /** socket.io's maxHttpBufferSize on a server with Janus configured. */
  messageBytes: 192 * 1024,
} as const;

const sfuSourceSchema = z.enum(['camera', 'screen']);

const sfuDescriptionSchema = <T extends 'offer' | 'answer'>(type: T) =>
  z.object({ type: z.literal(type), sdp: z.string().min(1).max(SFU_LIMITS.sdp) }).strict();

/** Publish (or re-publish: a new offer on the same source renegotiates) one of our streams. */
export const sfuPublishSchema = z
  .object({ source: sfuSourceSchema, description: sfuDescriptionSchema('offer') })
  .strict();
export const sfuUnpublishSchema = z.object({ source: sfuSourceSchema }).strict();
/** The subscriber connection's answer to the latest `sfu-offer`. */
export const sfuAnswerSchema = z.object({ description: sfuDescriptionSchema('answer') }).strict();

export type SfuPublish = z.input<typeof sfuPublishSchema>;
export type SfuUnpublish = z.input<typeof sfuUnpublishSchema>;
export type SfuAnswer = z.input<typeof sfuAnswerSchema>;

/** One media section of the subscriber connection: whose stream it carries. */
export interface SfuStream {
  mid: string;
  participantId: string;
  kind: 'audio' | 'video';
  source: SfuSource;
}

export interface SfuClientEvents {
  /**
   * In an SFU room: publishes our camera + mic (`camera`) or our screen share
   * (`screen`) with an offer that carries its ICE candidates; the answer comes
   * in the ack. The room, the feed id (our participant id) and display name are
   * the server's, never the client's.
   */
  'sfu-publish': (
    payload: SfuPublish,
    ack: (res: Ack<{ description: SessionDescription<'answer'> }>) => void,
  ) => void;
  /**
   * Stops publishing one of our streams: `screen` ends a screen share;
   * `camera` leaves the SFU altogether (subscriber too), to start over with
   * `sfu-publish` (after a failed connection).
   */
  'sfu-unpublish': (payload: SfuUnpublish, ack?: (res: Ack) => void) => void;
  /** Answers the latest `sfu-offer` (with its ICE candidates). */
  'sfu-answer': (payload: SfuAnswer, ack?: (res: Ack) => void) => void;
}

export interface SfuServerEvents {
  /** The room moved to the SFU (it stays there until it empties): start publishing. */
  'room-mode': (payload: { mode: RoomMode }) => void;
  /**
   * An offer for our one subscriber connection, carrying everyone else's
   * streams: which mid carries whose camera, mic or screen. Sent one at a time:
   * the next comes after our `sfu-answer` to this one.
   */
  'sfu-offer': (payload: {
    description: SessionDescription<'offer'>;
    streams: SfuStream[];
  }) => void;
  /** The SFU restarted and lost our connections: publish again and wait for a fresh `sfu-offer`. */
  'sfu-reset': () => void;
}

export const sfuClientSchemas = {
  'sfu-publish': sfuPublishSchema,
  'sfu-unpublish': sfuUnpublishSchema,
  'sfu-answer': sfuAnswerSchema,
} as const;
