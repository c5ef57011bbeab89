import { createHash } from 'node:crypto';
import type { RedisClient } from '../../ops/redis';

export interface ScriptArgs {
  keys?: string[];
  arguments?: string[];
}

/**
 * A Lua script run by its SHA1 (EVALSHA), so its text crosses the wire once.
 * When Redis does not know it (first use, or Redis restarted empty) the
 * NOSCRIPT reply falls back to EVAL, which runs the script and caches it again.
 */
export class LuaScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, args: ScriptArgs): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, args);
    } catch (err) {
      if (!isNoScript(err)) throw err;
      return client.eval(this.source, args);
    }
  }
}

function isNoScript(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('NOSCRIPT');
}
