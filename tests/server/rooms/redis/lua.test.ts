/**
 * LuaScript against a real redis-server: runs by SHA1, and falls back to EVAL
 * (which caches the script again) when Redis does not know it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newRedisClient, type RedisClient } from '@/server/ops/redis';
import { LuaScript } from '@/server/rooms/redis';
import { RedisServer } from '../../redis';

let redis: RedisServer;
let client: RedisClient;

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(() => {
  if (client?.isOpen) client.destroy();
});

async function connect(): Promise<RedisClient> {
  client = newRedisClient(redis.url, false);
  client.on('error', () => {});
  await client.connect();
  return client;
}

describe('LuaScript', () => {
  const echo = new LuaScript("return KEYS[1] .. ':' .. ARGV[1]");

  it('runs a script Redis does not know yet, then by its SHA1', async () => {
    const c = await connect();
    await c.scriptFlush();
    expect(await c.scriptExists(echo.sha)).toEqual([0]);
    expect(await echo.run(c, { keys: ['k'], arguments: ['v'] })).toBe('k:v');
    expect(await c.scriptExists(echo.sha)).toEqual([1]);
    expect(await echo.run(c, { keys: ['k2'], arguments: ['v2'] })).toBe('k2:v2');
  });

  it('passes other script errors through', async () => {
    const c = await connect();
    const broken = new LuaScript("return redis.call('NO-SUCH-COMMAND')");
    await expect(broken.run(c, {})).rejects.toThrow();
  });
});
