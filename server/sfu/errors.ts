import type { JanodeError } from 'janode';

/** What went wrong talking to Janus, in Parley's words. */
export type SfuErrorCode =
  | 'unavailable'
  | 'no-such-room'
  | 'room-exists'
  | 'no-such-feed'
  | 'unauthorized'
  | 'feed-taken'
  | 'janus';

/** Janus VideoRoom error codes (janus_videoroom.c) that Parley tells apart. */
const VIDEOROOM_CODES: Record<number, SfuErrorCode> = {
  426: 'no-such-room',
  427: 'room-exists',
  428: 'no-such-feed',
  433: 'unauthorized',
  436: 'feed-taken',
};

export class SfuError extends Error {
  constructor(
    readonly code: SfuErrorCode,
    message: string,
    /** Janus's own numeric code, when Janus answered with one. */
    readonly janusCode?: number,
  ) {
    super(message);
    this.name = 'SfuError';
  }
}

function janusCodeOf(err: JanodeError): number | undefined {
  if (typeof err._code === 'number') return err._code;
  const leading = /^(\d{3}) /.exec(err.message);
  return leading ? Number(leading[1]) : undefined;
}

/** Turns whatever janode threw into an SfuError (connection trouble: 'unavailable'). */
export function toSfuError(err: unknown): SfuError {
  if (err instanceof SfuError) return err;
  if (!(err instanceof Error)) return new SfuError('janus', String(err));
  const janusCode = janusCodeOf(err);
  if (janusCode === undefined) return new SfuError('unavailable', err.message);
  return new SfuError(VIDEOROOM_CODES[janusCode] ?? 'janus', err.message, janusCode);
}

/** Runs a Janus request, rethrowing failures as SfuError. */
export async function janusCall<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    throw toSfuError(err);
  }
}
