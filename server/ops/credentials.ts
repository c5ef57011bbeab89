import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IceServer } from '../../lib/protocol';
import type { ServerConfig } from './config';

/**
 * ICE servers for one participant: STUN as configured, and TURN with coturn's
 * REST API credentials (username `expiry:participantId`, password the base64
 * HMAC-SHA1 of it under the shared secret), valid for `ttlSeconds`.
 */
export function iceServersFor(
  config: Pick<ServerConfig, 'stunUrls' | 'turn'>,
  participantId: string,
  now = Date.now(),
): { iceServers: IceServer[]; ttlSeconds: number | null } {
  const iceServers: IceServer[] = [];
  if (config.stunUrls.length) iceServers.push({ urls: config.stunUrls });
  const turn = config.turn;
  if (!turn) return { iceServers, ttlSeconds: null };
  const username = `${Math.floor(now / 1000) + turn.ttlSeconds}:${participantId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  iceServers.push({ urls: turn.urls, username, credential });
  return { iceServers, ttlSeconds: turn.ttlSeconds };
}

function sign(secret: string, roomId: string, participantId: string): string {
  return createHmac('sha256', secret).update(`${roomId}\n${participantId}`).digest('base64url');
}

/** A resume token lets a reconnecting client keep its participant id in its room. */
export function createResumeToken(secret: string, roomId: string, participantId: string): string {
  return `${participantId}.${sign(secret, roomId, participantId)}`;
}

/** Returns the participant id the token was made for, or null when it is not valid for this room. */
export function verifyResumeToken(secret: string, roomId: string, token: string): string | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const participantId = token.slice(0, dot);
  if (!/^[A-Za-z0-9_-]{8,40}$/.test(participantId)) return null;
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(secret, roomId, participantId));
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? participantId
    : null;
}

/** A new host key: 256 random bits, given to one client only; the server keeps its hash. */
export function newHostKey(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 (hex) of a room's secret (host key, passcode), salted with the room id. */
export function secretHash(roomId: string, secret: string): string {
  return createHash('sha256').update(`${roomId}\n${secret}`).digest('hex');
}

/** Whether `secret` hashes to one of `hashes`, each compared in constant time. */
export function matchesHash(roomId: string, secret: string, hashes: readonly string[]): boolean {
  const given = Buffer.from(secretHash(roomId, secret), 'hex');
  let found = false;
  for (const hash of hashes) {
    const stored = Buffer.from(hash, 'hex');
    if (stored.length === given.length && timingSafeEqual(stored, given)) found = true;
  }
  return found;
}

/** What an admitted knocker presents in its next room-enter: the knock id, signed for the room. */
export function createAdmission(secret: string, roomId: string, knockId: string): string {
  return `${knockId}.${sign(secret, `admit:${roomId}`, knockId)}`;
}

/** The knock id an admission was made for, or null when it is not valid for this room. */
export function verifyAdmission(secret: string, roomId: string, admission: string): string | null {
  return verifyResumeToken(secret, `admit:${roomId}`, admission);
}
