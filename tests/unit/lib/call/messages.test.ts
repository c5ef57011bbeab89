// What people read when a join or a chat message fails comes from the error
// code, never from the server's own words.
import { describe, expect, it } from 'vitest';
import { failureMessage } from '@/lib/call/messages';
import { SignalingError } from '@/lib/signaling/signalingClient';

const refused = (code: string) =>
  new SignalingError(code, 'room-enter: raw developer text from the server, wait a minute');

describe('failureMessage', () => {
  it('a full room', () => {
    expect(failureMessage(refused('room-full'), 'join')).toBe(
      'This call is full. Try again when someone leaves.',
    );
  });

  it('rate limits, for joining and for chat', () => {
    expect(failureMessage(refused('rate-limited'), 'join')).toBe(
      'Too many attempts from your network. Wait a minute, then try again.',
    );
    expect(failureMessage(refused('rate-limited'), 'chat')).toBe(
      'You are sending messages too fast. Wait a moment.',
    );
  });

  it('a bad room code', () => {
    expect(failureMessage(refused('bad-request'), 'join')).toBe(
      'This meeting code is not valid. Check the link you were given.',
    );
  });

  it('a server that cannot be reached (no answer, no code)', () => {
    expect(failureMessage(new Error('operation has timed out'), 'join')).toBe(
      'Could not reach the Parley server. Check your connection and try again.',
    );
    expect(failureMessage(new Error('operation has timed out'), 'chat')).toBe(
      'Message not sent. Check your connection.',
    );
  });

  it('never shows the server text, whatever the code', () => {
    for (const code of [
      'room-full',
      'rate-limited',
      'bad-request',
      'internal',
      'not-in-room',
      'x',
    ]) {
      for (const context of ['join', 'chat'] as const) {
        const text = failureMessage(refused(code), context);
        expect(text).not.toMatch(/room-enter|raw developer/);
        expect(text).toMatch(/^[A-Z].*\.$/);
      }
    }
  });
});

describe('host controls and the innocent neighbour (issue 13)', () => {
  it('says when to try again, from the retry-after figure the server sends', async () => {
    const { tooManyAttempts } = await import('@/lib/call/messages');
    const err = new SignalingError('rate-limited', 'room-enter: too many', 39_200);
    expect(failureMessage(err, 'join')).toBe(
      'Too many attempts from your network. Try again in 40 s.',
    );
    expect(tooManyAttempts(600_000)).toBe(
      'Too many attempts from your network. Try again in 10 min.',
    );
  });

  it('keeps lock and passcode refusals in the lobby, and words host refusals', async () => {
    const { lobbyStatusOf, hostFailureMessage } = await import('@/lib/call/messages');
    const { HostRequestError } = await import('@/lib/signaling/hostSignaling');
    expect(lobbyStatusOf(refused('room-locked'))).toBe('locked');
    expect(lobbyStatusOf(refused('passcode-required'))).toBe('passcode');
    expect(lobbyStatusOf(refused('passcode-wrong'))).toBe('passcode-wrong');
    expect(lobbyStatusOf(refused('room-full'))).toBeNull();
    expect(failureMessage(refused('removed'), 'join')).toBe(
      'A host removed you from this meeting.',
    );
    expect(hostFailureMessage(new HostRequestError('not-host', 'x'))).toBe(
      'Only a host can do that.',
    );
  });
});
