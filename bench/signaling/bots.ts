// Bot clients for the signaling benchmark, run as a child process. They follow
// the real client's pattern: enter a room, offer to everyone already there,
// get an answer, trade ICE candidates; then a steady trickle of relays. A room's
// clients all live in one process, so a relay's latency is measured on one clock.
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { BotCommand, BotPlan, BotReply } from './messages';

interface Client {
  socket: Socket;
  room: string;
  id: string | null;
  peers: string[];
}

/** A Chromium-sized offer (~4 KB): audio + video sections, many codec lines. */
const SDP_BODY = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1 2',
  'a=msid-semantic: WMS',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `a=rtpmap:${96 + i} VP8/90000 a=rtcp-fb:${96 + i} nack pli goog-remb transport-cc ccm fir`,
  ),
].join('\r\n');

const CANDIDATE_TAIL =
  ' 1 udp 2122260223 192.168.1.23 54321 typ host generation 0 ufrag abcd network-id 1';

const clients: Client[] = [];
/** Send time of every relayed message on its way, by token. */
const inFlight = new Map<string, number>();
let tokens = 0;
let relayMs: number[] = [];
let received = 0;
let plan: BotPlan | null = null;

const reply = (message: BotReply) => process.send?.(message);
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function token(): string {
  const t = `${process.pid}x${(tokens += 1)}`;
  inFlight.set(t, performance.now());
  return t;
}

function arrived(t: string | undefined): void {
  if (!t) return;
  const sent = inFlight.get(t);
  if (sent === undefined) return;
  inFlight.delete(t);
  relayMs.push(performance.now() - sent);
  received += 1;
}

const offer = () => ({ type: 'offer', sdp: `${SDP_BODY}\r\na=bench:${token()}` });
const answer = () => ({ type: 'answer', sdp: `${SDP_BODY}\r\na=bench:${token()}` });
const candidate = () => ({
  candidate: `candidate:${token()}${CANDIDATE_TAIL}`,
  sdpMid: '0',
  sdpMLineIndex: 0,
});
const sdpToken = (sdp: string) => sdp.slice(sdp.lastIndexOf('a=bench:') + 8);
const candidateToken = (line: string) => line.slice(10, line.indexOf(' '));

function sendCandidates(client: Client, to: string): void {
  for (let i = 0; i < (plan?.candidatesPerPeer ?? 0); i++)
    client.socket.emit('ice', { to, candidate: candidate() });
}

function wire(client: Client): void {
  const s = client.socket;
  s.on('peer-joined', (peer: { id: string }) => client.peers.push(peer.id));
  s.on('sdp-offer', (msg: { from: string; description: { sdp: string } }) => {
    arrived(sdpToken(msg.description.sdp));
    s.emit('sdp-answer', { to: msg.from, description: answer() });
    sendCandidates(client, msg.from);
  });
  s.on('sdp-answer', (msg: { from: string; description: { sdp: string } }) => {
    arrived(sdpToken(msg.description.sdp));
    sendCandidates(client, msg.from);
  });
  s.on('ice', (msg: { candidate: { candidate: string } | null }) => {
    if (msg.candidate) arrived(candidateToken(msg.candidate.candidate));
  });
}

async function connectAll(p: BotPlan): Promise<void> {
  plan = p;
  const started = performance.now();
  let failed = 0;
  const all = p.rooms.flatMap((room) => Array.from({ length: p.roomSize }, () => room));
  const connectOne = (room: string) =>
    new Promise<void>((resolve) => {
      const socket = io(p.url, { transports: ['websocket'], forceNew: true, reconnection: false });
      const client: Client = { socket, room, id: null, peers: [] };
      socket.once('connect', () => {
        clients.push(client);
        wire(client);
        resolve();
      });
      socket.once('connect_error', () => {
        failed += 1;
        socket.close();
        resolve();
      });
    });
  for (let i = 0; i < all.length; i += 50) await Promise.all(all.slice(i, i + 50).map(connectOne));
  reply({ type: 'connected', clients: clients.length, failed, ms: performance.now() - started });
}

async function enterAll(): Promise<void> {
  const p = plan as BotPlan;
  relayMs = [];
  const enterMs: number[] = [];
  let errors = 0;
  // Rooms fill side by side: every room's first person, then every second one...
  const byRoom = new Map<string, Client[]>();
  for (const c of clients) byRoom.set(c.room, [...(byRoom.get(c.room) ?? []), c]);
  const order: Client[] = [];
  for (let k = 0; k < p.roomSize; k++)
    for (const list of byRoom.values()) if (list[k]) order.push(list[k]);
  const enterOne = async (client: Client, index: number) => {
    const started = performance.now();
    try {
      const res = (await client.socket.timeout(10_000).emitWithAck('room-enter', {
        roomId: client.room,
        displayName: `bot ${index}`,
        media: { camera: true, mic: true, screen: false },
      })) as { ok: boolean; selfId?: string; peers?: { id: string }[] };
      enterMs.push(performance.now() - started);
      if (!res.ok || !res.selfId) {
        errors += 1;
        return;
      }
      client.id = res.selfId;
      for (const peer of res.peers ?? []) {
        client.peers.push(peer.id);
        client.socket.emit('sdp-offer', { to: peer.id, description: offer() });
      }
    } catch {
      errors += 1;
    }
  };
  const pending: Promise<void>[] = [];
  const started = performance.now();
  // Paced by the clock: entry n is made at n / enterRate seconds.
  for (let next = 0; next < order.length;) {
    const due = Math.min(
      order.length,
      Math.floor(((performance.now() - started) * p.enterRate) / 1000) + 1,
    );
    for (; next < due; next++) pending.push(enterOne(order[next], next));
    await pause(10);
  }
  await Promise.all(pending);
  for (let waited = 0; inFlight.size > 0 && waited < 5000; waited += 50) await pause(50);
  const lost = inFlight.size;
  inFlight.clear();
  reply({ type: 'entered', enterMs, relayMs, errors, lost });
}

async function steady(seconds: number, perClientRate: number): Promise<void> {
  relayMs = [];
  received = 0;
  let sent = 0;
  const ready = clients.filter((c) => c.id && c.peers.length > 0);
  const started = performance.now();
  const end = started + seconds * 1000;
  // Paced by the clock: `total` relays per second over all ready clients, round robin.
  const total = ready.length * perClientRate;
  while (performance.now() < end && ready.length) {
    const due = Math.floor(((performance.now() - started) * total) / 1000);
    for (; sent < due; sent++) {
      const client = ready[sent % ready.length];
      const round = Math.floor(sent / ready.length);
      client.socket.emit('ice', {
        to: client.peers[round % client.peers.length],
        candidate: candidate(),
      });
    }
    await pause(10);
  }
  const elapsed = (performance.now() - started) / 1000;
  for (let waited = 0; inFlight.size > 0 && waited < 3000; waited += 50) await pause(50);
  inFlight.clear();
  reply({ type: 'steady-done', relayMs, sent, received, seconds: elapsed });
}

process.on('message', (command: BotCommand) => {
  if (command.type === 'connect') void connectAll(command.plan);
  else if (command.type === 'enter') void enterAll();
  else if (command.type === 'steady') void steady(command.seconds, command.perClientRate);
  else if (command.type === 'close') {
    for (const c of clients) c.socket.close();
    reply({ type: 'closed' });
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
// Bounded in time whatever happens to the parent.
setTimeout(() => process.exit(1), 10 * 60_000).unref();
