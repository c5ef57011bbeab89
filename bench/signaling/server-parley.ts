// The Parley signaling server under test: createApplication (validation, room
// registry, rate limits, metrics) on a bare HTTP server, without Next.js, in
// its own process so its CPU and memory are its own.
import { createServer } from 'node:http';
import { createApplication } from '../../server/app';
import { readConfig } from '../../server/ops/config';
import { MemoryRoomRegistry } from '../../server/rooms';
import type { ServerReady } from './messages';

const config = readConfig({
  ...process.env,
  HOSTNAME: '127.0.0.1',
  PORT: '0',
  SESSION_SECRET: 'bench-session-secret-bench-session-secret',
  // Every bot connects from 127.0.0.1: lift the per-IP limits, keep the per-socket ones.
  RATE_CONNECTIONS_PER_MINUTE: '1000000',
  RATE_ENTRIES_PER_MINUTE: '1000000',
});
const httpServer = createServer();
createApplication(httpServer, { registry: new MemoryRoomRegistry(), config });
httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', port } satisfies ServerReady);
});
process.on('disconnect', () => process.exit(0));
