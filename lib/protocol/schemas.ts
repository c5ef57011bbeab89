/**
 * The zod schema of every client-to-server payload. lib/protocol/index.ts maps
 * each client event to one of these and derives the payload types from them.
 */
import { z } from 'zod';
import { cleanDisplayName, HOST_LIMITS, LIMITS, PeerErrorCode, ROOM_ID_PATTERN } from './limits';

export const roomIdSchema = z
  .string()
  .regex(ROOM_ID_PATTERN, 'room id must look like abcd-efgh-jkmn');
export const participantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'bad participant id');

/** Cleaned with cleanDisplayName (folds whitespace, drops control characters); 1..40 characters after that. */
export const displayNameSchema = z
  .string()
  .max(LIMITS.displayName * 4)
  .transform(cleanDisplayName)
  .pipe(z.string().min(1, 'display name is empty').max(LIMITS.displayName));

export const mediaStateSchema = z
  .object({
    camera: z.boolean(),
    mic: z.boolean(),
    screen: z.boolean(),
    /** This person records the call locally (everyone is shown it); absent: not recording. */
    recording: z.boolean().optional(),
  })
  .strict();

export const roomEnterSchema = z
  .object({
    roomId: roomIdSchema,
    displayName: displayNameSchema,
    media: mediaStateSchema,
    resumeToken: z.string().max(512).optional(),
    /** "New meeting": the first entry into an empty room gets a host key in its ack. */
    create: z.literal(true).optional(),
    /** A host key of this room (from an earlier entry): the seat gets host rights. */
    hostKey: z.string().min(1).max(HOST_LIMITS.hostKey).optional(),
    /** The room's passcode, when it has one. */
    passcode: z.string().max(HOST_LIMITS.passcode).optional(),
    /** From knock-result: a host admitted this person from the waiting room. */
    admission: z.string().min(1).max(HOST_LIMITS.admission).optional(),
  })
  .strict();

export const roomPeekSchema = z.object({ roomId: roomIdSchema }).strict();

/** Events whose only argument is the ack: whatever else comes is ignored. */
export const noPayload = z.unknown().transform((): undefined => undefined);

const sessionDescriptionSchema = <T extends 'offer' | 'answer'>(type: T) =>
  z.object({ type: z.literal(type), sdp: z.string().min(1).max(LIMITS.sdp) }).strict();

export const sdpOfferSchema = z
  .object({ to: participantIdSchema, description: sessionDescriptionSchema('offer') })
  .strict();
export const sdpAnswerSchema = z
  .object({ to: participantIdSchema, description: sessionDescriptionSchema('answer') })
  .strict();

export const iceCandidateSchema = z
  .object({
    candidate: z.string().max(LIMITS.candidate),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .strict();
export const iceSchema = z
  .object({ to: participantIdSchema, candidate: iceCandidateSchema.nullable() })
  .strict();

export const mediaStateUpdateSchema = mediaStateSchema;

export const peerErrorSchema = z
  .object({
    to: participantIdSchema,
    code: z.enum([
      PeerErrorCode.NegotiationFailed,
      PeerErrorCode.ConnectionReset,
      PeerErrorCode.ConnectionFailed,
      PeerErrorCode.RetryRequest,
    ]),
  })
  .strict();

/** A chat message as sent: text only, 1..2000 characters after trimming. */
export const chatSendSchema = z
  .object({
    text: z
      .string()
      .max(LIMITS.chatMessage * 2)
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'message is empty').max(LIMITS.chatMessage)),
  })
  .strict();

// ---------------------------------------------------------------- host controls

const knockIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, 'bad knock id');

export const roomLockSchema = z.object({ locked: z.boolean() }).strict();
export const waitingRoomSchema = z.object({ on: z.boolean() }).strict();
/** Admit or deny one knock by id, or (without `id`) everyone waiting. */
export const knockAnswerSchema = z.object({ id: knockIdSchema.optional() }).strict();
/** Removes a participant; `lock` also locks the room in the same step. */
export const removeParticipantSchema = z
  .object({ id: participantIdSchema, lock: z.boolean().optional() })
  .strict();
/** A request to one participant, or (without `id`, where allowed) to everyone else. */
export const askMuteSchema = z.object({ id: participantIdSchema.optional() }).strict();
export const participantTargetSchema = z.object({ id: participantIdSchema }).strict();
/** Sets the passcode (1..64 characters) or, with null, clears it. */
export const setPasscodeSchema = z
  .object({ passcode: z.string().min(1).max(HOST_LIMITS.passcode).nullable() })
  .strict();

/** Formats the first zod issue as a short developer-facing sentence. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const path = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`;
}
