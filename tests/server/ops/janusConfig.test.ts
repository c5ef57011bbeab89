import { describe, expect, it } from 'vitest';
import { readConfig as readConfigFrom } from '@/server/ops/config';

/** Reads a config from just these variables, never from the real environment. */
const readConfig = (vars: Record<string, string>) => readConfigFrom(vars as NodeJS.ProcessEnv);

describe('Janus settings', () => {
  it('without JANUS_URL every room is a mesh of at most 8', () => {
    const config = readConfig({});
    expect(config.janus).toBeNull();
    expect(config.maxParticipants).toBe(8);
    expect(config.meshMax).toBe(4);
  });

  it('with JANUS_URL and its secrets: rooms of up to 30, a mesh up to MESH_MAX', () => {
    const config = readConfig({
      JANUS_URL: 'ws://10.0.0.20:8188',
      JANUS_API_SECRET: 'api',
      JANUS_ADMIN_KEY: 'admin',
      MESH_MAX: '3',
    });
    expect(config.janus).toEqual({
      url: 'ws://10.0.0.20:8188',
      apiSecret: 'api',
      adminKey: 'admin',
    });
    expect(config.maxParticipants).toBe(30);
    expect(config.meshMax).toBe(3);
    expect(
      readConfig({
        JANUS_URL: 'ws://j',
        JANUS_API_SECRET: 'a',
        JANUS_ADMIN_KEY: 'b',
        MAX_PARTICIPANTS: '12',
      }).maxParticipants,
    ).toBe(12);
  });

  it('refuses JANUS_URL without its secrets, and a bad MESH_MAX', () => {
    expect(() => readConfig({ JANUS_URL: 'ws://j' })).toThrow(/JANUS_API_SECRET/);
    expect(() => readConfig({ JANUS_URL: 'ws://j', JANUS_API_SECRET: 'a' })).toThrow(
      /JANUS_ADMIN_KEY/,
    );
    expect(() => readConfig({ MESH_MAX: '0' })).toThrow(/MESH_MAX/);
  });
});
