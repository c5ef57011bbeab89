import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSessionSecret, readConfig as readConfigFrom } from '@/server/ops/config';

/** Reads a config from just these variables, never from the real environment. */
const readConfig = (vars: Record<string, string>, argv: string[] = []) =>
  readConfigFrom(vars as NodeJS.ProcessEnv, argv);

describe('readConfig', () => {
  it('has defaults for an empty environment', () => {
    expect(readConfig({}, ['node', 'server/index.ts'])).toMatchObject({
      port: 3000,
      hostname: '0.0.0.0',
      dev: false,
      maxParticipants: 8,
      stunUrls: [],
      turn: null,
      presenceGraceMs: 3000,
      sessionSecret: '',
    });
  });

  it('treats empty strings as unset', () => {
    const config = readConfig({
      PORT: '',
      HOSTNAME: '',
      MAX_PARTICIPANTS: '',
      STUN_URLS: '',
      TURN_URLS: '',
      PRESENCE_GRACE_MS: '',
      SESSION_SECRET: '',
    });
    expect(config).toEqual(readConfig({}));
  });

  it('reads PORT, HOSTNAME, SESSION_SECRET and --dev', () => {
    const config = readConfig({ PORT: '8080', HOSTNAME: '127.0.0.1', SESSION_SECRET: 's3cret' }, [
      'node',
      'x',
      '--dev',
    ]);
    expect(config).toMatchObject({
      port: 8080,
      hostname: '127.0.0.1',
      dev: true,
      sessionSecret: 's3cret',
    });
    expect(readConfig({ PORT: '0' }).port).toBe(0);
    expect(readConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it('ignores --dev anywhere but the argument list', () => {
    expect(readConfig({ DEV: '--dev' }, ['node', 'server/index.ts']).dev).toBe(false);
  });

  it.each(['-1', '65536', '80.5', 'http', '3000abc', '0x10', '1e3', '+80'])(
    'rejects PORT=%s',
    (port) => {
      expect(() => readConfig({ PORT: port })).toThrow(/PORT must be an integer from 0 to 65535/);
    },
  );

  describe('MAX_PARTICIPANTS', () => {
    it.each([
      ['2', 2],
      ['12', 12],
      ['50', 50],
    ])('accepts %s', (raw, value) => {
      expect(readConfig({ MAX_PARTICIPANTS: raw }).maxParticipants).toBe(value);
    });

    it.each(['0', '1', '51', '-3', '2.5', 'eight', 'Infinity', 'NaN'])(
      'rejects %s with a message naming the variable and the range',
      (raw) => {
        expect(() => readConfig({ MAX_PARTICIPANTS: raw })).toThrow(
          `MAX_PARTICIPANTS must be an integer from 2 to 50, got "${raw}"`,
        );
      },
    );
  });

  describe('STUN_URLS', () => {
    it('is a trimmed, comma-separated list', () => {
      const config = readConfig({
        STUN_URLS: ' stun:stun.l.google.com:19302 ,stun:stun.example.org:3478,, ',
      });
      expect(config.stunUrls).toEqual([
        'stun:stun.l.google.com:19302',
        'stun:stun.example.org:3478',
      ]);
    });

    it('takes a single url', () => {
      expect(readConfig({ STUN_URLS: 'stun:a.example:3478' }).stunUrls).toEqual([
        'stun:a.example:3478',
      ]);
    });

    it('is empty when it holds only separators', () => {
      expect(readConfig({ STUN_URLS: ' , ,' }).stunUrls).toEqual([]);
    });
  });

  describe('TURN', () => {
    it('reads TURN_URLS, TURN_SECRET and TURN_TTL', () => {
      const config = readConfig({
        TURN_URLS: 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349',
        TURN_SECRET: 'coturn-secret',
        TURN_TTL: '600',
      });
      expect(config.turn).toEqual({
        urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
        secret: 'coturn-secret',
        ttlSeconds: 600,
      });
    });

    it('defaults the credential lifetime to four hours', () => {
      const config = readConfig({ TURN_URLS: 'turn:t.example:3478', TURN_SECRET: 'x' });
      expect(config.turn?.ttlSeconds).toBe(4 * 3600);
    });

    it('refuses TURN_URLS without TURN_SECRET', () => {
      expect(() => readConfig({ TURN_URLS: 'turn:t.example:3478' })).toThrow(
        'TURN_URLS is set but TURN_SECRET is not',
      );
    });

    it('has no TURN without TURN_URLS, even with a secret', () => {
      expect(readConfig({ TURN_SECRET: 'x' }).turn).toBeNull();
    });

    it.each(['59', '604801', '1.5', 'soon'])('rejects TURN_TTL=%s', (ttl) => {
      expect(() =>
        readConfig({ TURN_URLS: 'turn:t.example:3478', TURN_SECRET: 'x', TURN_TTL: ttl }),
      ).toThrow(/TURN_TTL must be an integer from 60 to 604800/);
    });
  });

  describe('PRESENCE_GRACE_MS', () => {
    it.each([
      ['0', 0],
      ['10000', 10_000],
      ['60000', 60_000],
    ])('accepts %s', (raw, value) => {
      expect(readConfig({ PRESENCE_GRACE_MS: raw }).presenceGraceMs).toBe(value);
    });

    it.each(['-1', '60001', '2.5', 'long'])('rejects %s', (raw) => {
      expect(() => readConfig({ PRESENCE_GRACE_MS: raw })).toThrow(
        /PRESENCE_GRACE_MS must be an integer from 0 to 60000/,
      );
    });
  });
});

describe('ensureSessionSecret', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-secret-'));
  });

  afterEach(() => {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a configured secret and writes nothing', () => {
    const config = readConfig({ SESSION_SECRET: 'from-the-environment' });
    expect(ensureSessionSecret(config, join(dir, 'state'))).toBe(config);
    expect(() => readFileSync(join(dir, 'state', 'session-secret'))).toThrow();
  });

  it('makes a secret once, saves it, and reads the same one on the next start', () => {
    const state = join(dir, 'state');
    const first = ensureSessionSecret(readConfig({}), state);
    expect(first.sessionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(join(state, 'session-secret'), 'utf8')).toBe(first.sessionSecret);
    const second = ensureSessionSecret(readConfig({}), state);
    expect(second.sessionSecret).toBe(first.sessionSecret);
  });

  it('replaces a saved secret that is too short to trust', () => {
    writeFileSync(join(dir, 'session-secret'), 'short\n');
    const config = ensureSessionSecret(readConfig({}), dir);
    expect(config.sessionSecret).not.toBe('short');
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8')).toBe(config.sessionSecret);
  });

  it('still returns a secret when it cannot save one', () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions; a path under a regular file cannot be created by anyone
      writeFileSync(join(dir, 'file'), '');
      const config = ensureSessionSecret(readConfig({}), join(dir, 'file', 'state'));
      expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
      return;
    }
    chmodSync(dir, 0o500);
    const config = ensureSessionSecret(readConfig({}), join(dir, 'state'));
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });
});
