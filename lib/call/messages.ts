/**
 * What a person reads when something they asked for failed. Built from the
 * error's code, never from the server's own words (those are for developers
 * and logs, and may change).
 */
import { SignalingError } from '@/lib/signaling/signalingClient';

export type FailureContext = 'join' | 'chat';

const UNREACHABLE = 'Could not reach the Parley server. Check your connection and try again.';

const JOIN: Record<string, string> = {
  'room-full': 'This call is full. Try again when someone leaves.',
  'rate-limited': 'Too many attempts from your network. Wait a minute, then try again.',
  'bad-request': 'This meeting code is not valid. Check the link you were given.',
  'already-in-room': 'You are already in this call in another tab or window.',
  internal: 'The Parley server had a problem. Try again in a moment.',
};

const CHAT: Record<string, string> = {
  'rate-limited': 'You are sending messages too fast. Wait a moment.',
  'not-in-room': 'Message not sent: you are not in the call any more.',
};

export function failureMessage(err: unknown, context: FailureContext): string {
  if (!(err instanceof SignalingError)) {
    return context === 'join' ? UNREACHABLE : 'Message not sent. Check your connection.';
  }
  if (context === 'join') return JOIN[err.code] ?? 'Could not join the call. Try again.';
  return CHAT[err.code] ?? 'Message not sent. Try again.';
}
