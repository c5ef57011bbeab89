import { randomUUID } from 'node:crypto';
import Janode, { type JanodeConnection } from 'janode';
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import type { Logger } from '@/server/ops/logger';
import { JanusSfu } from '@/server/sfu';
import type { JanusServer } from '../../support/janus';

export const ROOM_SECRET = 'parley-test-room-secret';

/** A Janus room id no other test uses. */
export function newRoomId(): string {
  return `room-${randomUUID()}`;
}

/** A JanusSfu connected to `janus`, reconnecting quickly; close() it afterwards. */
export async function connectSfu(janus: JanusServer, log?: Logger): Promise<JanusSfu> {
  const sfu = new JanusSfu({
    log,
    url: janus.url,
    apiSecret: janus.apiSecret,
    adminKey: janus.adminKey,
    roomSecret: ROOM_SECRET,
    maxPublishers: 30,
    initialBackoffMs: 50,
    maxBackoffMs: 200,
  });
  sfu.start();
  await sfu.whenUp(5_000);
  return sfu;
}

/** A bare janode session: someone who knows Janus's API secret and nothing of Parley's. */
export async function outsider(
  janus: JanusServer,
): Promise<{ handle: VideoRoomHandle; connection: JanodeConnection }> {
  const connection = await Janode.connect({
    address: { url: janus.url, apisecret: janus.apiSecret },
    max_retries: 0,
  });
  const session = await connection.create();
  return { handle: await session.attach(VideoRoomPlugin), connection };
}

/** Janus's numeric error code of a rejected request. */
export async function janusErrorCode(request: Promise<unknown>): Promise<number | string> {
  try {
    await request;
    return 'accepted';
  } catch (err) {
    const match = /^(\d{3}) /.exec(err instanceof Error ? err.message : '');
    return match ? Number(match[1]) : String(err);
  }
}
