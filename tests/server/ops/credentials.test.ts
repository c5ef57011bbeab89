import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createResumeToken, iceServersFor, verifyResumeToken } from '@/server/ops/credentials';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const ID = 'Xq3_9-abcdEFGH1234567890';
const ROOM = 'abcd-efgh-jkmn';
const SECRET = 'a-session-secret-that-is-long-enough';

describe('iceServersFor', () => {
  it('is empty with neither STUN nor TURN', () => {
    expect(iceServersFor({ stunUrls: [], turn: null }, ID, NOW)).toEqual({
      iceServers: [],
      ttlSeconds: null,
    });
  });

  it('lists the STUN urls as one server without credentials', () => {
    expect(
      iceServersFor({ stunUrls: ['stun:a:3478', 'stun:b:3478'], turn: null }, ID, NOW),
    ).toEqual({ iceServers: [{ urls: ['stun:a:3478', 'stun:b:3478'] }], ttlSeconds: null });
  });

  it('adds TURN with coturn REST credentials tied to the participant and expiry', () => {
    const turn = { urls: ['turn:t.example:3478'], secret: 'coturn-secret', ttlSeconds: 600 };
    const result = iceServersFor({ stunUrls: ['stun:a:3478'], turn }, ID, NOW);

    const username = `${NOW / 1000 + 600}:${ID}`;
    const credential = createHmac('sha1', 'coturn-secret').update(username).digest('base64');
    expect(result).toEqual({
      iceServers: [
        { urls: ['stun:a:3478'] },
        { urls: ['turn:t.example:3478'], username, credential },
      ],
      ttlSeconds: 600,
    });
  });

  it('gives different participants different TURN credentials', () => {
    const turn = { urls: ['turn:t.example:3478'], secret: 's', ttlSeconds: 60 };
    const a = iceServersFor({ stunUrls: [], turn }, ID, NOW).iceServers[0];
    const b = iceServersFor({ stunUrls: [], turn }, 'another-participant-id', NOW).iceServers[0];
    expect(a.username).not.toBe(b.username);
    expect(a.credential).not.toBe(b.credential);
  });
});

describe('resume tokens', () => {
  const token = createResumeToken(SECRET, ROOM, ID);

  it('name the participant they were made for, in the room they were made for', () => {
    expect(token.startsWith(`${ID}.`)).toBe(true);
    expect(verifyResumeToken(SECRET, ROOM, token)).toBe(ID);
  });

  it('are refused in another room', () => {
    expect(verifyResumeToken(SECRET, 'zzzz-yyyy-xxxx', token)).toBeNull();
  });

  it('are refused under another secret', () => {
    expect(verifyResumeToken('another-secret-entirely', ROOM, token)).toBeNull();
  });

  it('cannot be moved to another participant id', () => {
    const signature = token.slice(token.indexOf('.') + 1);
    expect(verifyResumeToken(SECRET, ROOM, `AAAAAAAAAAAAAAAAAAAAAAAA.${signature}`)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['without a dot', ID],
    ['starting with a dot', `.${token}`],
    ['with an empty signature', `${ID}.`],
    ['with a truncated signature', token.slice(0, -1)],
    ['with one more character', `${token}A`],
    ['with a flipped character', token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')],
    ['with a malformed id', `bad id!.${token.slice(token.indexOf('.') + 1)}`],
    ['with non-ascii in the signature', `${token.slice(0, -2)}é`],
  ])('are refused when %s', (_label, forged) => {
    expect(verifyResumeToken(SECRET, ROOM, forged)).toBeNull();
  });
});
