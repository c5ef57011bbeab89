// The baseline: a bare socket.io relay with the same events and the same
// socket options, but no validation, no registry, no limits, no metrics.
// Participant ids are socket ids; socket.io's own rooms say who is in a room.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type { ServerReady } from './messages';

type Payload = { to: string } & Record<string, unknown>;

const httpServer = createServer();
const io = new Server(httpServer, {
  transports: ['polling', 'websocket'],
  serveClient: false,
  pingInterval: 4000,
  pingTimeout: 2500,
  maxHttpBufferSize: 64 * 1024,
});
io.on('connection', (socket) => {
  socket.on('room-enter', (payload: { roomId: string }, ack: (res: object) => void) => {
    const members = io.of('/').adapter.rooms.get(payload.roomId) ?? new Set<string>();
    const peers = [...members].map((id) => ({ id }));
    socket.join(payload.roomId);
    socket.to(payload.roomId).emit('peer-joined', { id: socket.id });
    ack({ ok: true, selfId: socket.id, peers });
  });
  for (const event of ['sdp-offer', 'sdp-answer', 'ice'] as const) {
    socket.on(event, (payload: Payload) => {
      io.to(payload.to).emit(event, { ...payload, from: socket.id });
    });
  }
});
httpServer.listen(0, '127.0.0.1', () => {
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', port } satisfies ServerReady);
});
process.on('disconnect', () => process.exit(0));
