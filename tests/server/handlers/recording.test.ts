// The recording flag rides on media-state: relayed to the others, stored for
// late joiners, optional (clients that never send it stay valid), and strict.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@/lib/protocol';
import {
  enter,
  expectRefused,
  once,
  pair,
  request,
  startServer,
  type TestServer,
} from '../helpers';

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

describe('media-state: recording', () => {
  it('is relayed to the others and stored, so a late joiner sees who records', async () => {
    const { roomId, a, b, aId } = await pair(server);
    const recording = { camera: true, mic: true, screen: false, recording: true };
    const bSaw = once(b, 'media-state');
    expect(await request(a, 'media-state', recording)).toEqual({ ok: true });
    expect(await bSaw).toEqual({ from: aId, media: recording });

    const late = await server.connect();
    const entered = await enter(late, roomId, 'Late');
    expect(entered.peers.find((p) => p.id === aId)?.media).toEqual(recording);

    // Stopping: the next media state without the flag (or with false) clears it.
    const stopped = once(b, 'media-state');
    await request(a, 'media-state', { camera: true, mic: true, screen: false });
    expect((await stopped).media.recording).toBeUndefined();
  });

  it('must be a boolean', async () => {
    const { a } = await pair(server);
    const bad = { camera: true, mic: true, screen: false, recording: 'yes' };
    expectRefused(await request(a, 'media-state', bad as never), ErrorCode.BadRequest);
  });
});
