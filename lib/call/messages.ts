/**
 * What a person reads when something they asked for failed. Built from the
 * error's code, never from the server's own words (those are for developers
 * and logs, and may change).
 */
import { HostRequestError } from '@/lib/signaling/hostSignaling';
import { SignalingError } from '@/lib/signaling/signalingClient';
import type { LobbyStatus } from '@/lib/store';

export type FailureContext = 'join' | 'chat';

const UNREACHABLE = 'Could not reach the Parley server. Check your connection and try again.';

const JOIN: Record<string, string> = {
  'room-full': 'This call is full. Try again when someone leaves.',
  'rate-limited': 'Too many attempts from your network. Wait a minute, then try again.',
  'bad-request': 'This meeting code is not valid. Check the link you were given.',
  'already-in-room': 'You are already in this call in another tab or window.',
  removed: 'A host removed you from this meeting.',
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
  if (context === 'join') {
    if (err.code === 'rate-limited' && err.retryAfterMs) return tooManyAttempts(err.retryAfterMs);
    return JOIN[err.code] ?? 'Could not join the call. Try again.';
  }
  return CHAT[err.code] ?? 'Message not sent. Try again.';
}

/** "Too many attempts from your network. Try again in 40 s." (minutes past 90 s). */
export function tooManyAttempts(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = seconds > 90 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`;
  return `Too many attempts from your network. Try again in ${wait}.`;
}

/** A refused entry the lobby shows beside the join button instead of a failure screen. */
export function lobbyStatusOf(err: unknown): LobbyStatus {
  if (!(err instanceof SignalingError)) return null;
  if (err.code === 'room-locked') return 'locked';
  if (err.code === 'passcode-required') return 'passcode';
  if (err.code === 'passcode-wrong') return 'passcode-wrong';
  return null;
}

const HOST: Record<string, string> = {
  'not-host': 'Only a host can do that.',
  'unknown-peer': 'That person is not in the call any more.',
  'rate-limited': 'Too many requests. Wait a moment.',
  'not-in-room': 'You are not in the call any more.',
};

/** What a host reads when a host request was refused. */
export function hostFailureMessage(err: unknown): string {
  if (err instanceof HostRequestError) return HOST[err.code] ?? 'That did not work. Try again.';
  return 'Could not reach the Parley server. Try again.';
}
