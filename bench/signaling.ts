// Signaling benchmark: bot clients in rooms of 4 against the Parley signaling
// server (validation, registry, limits) and, in the same run, against a bare
// socket.io relay (bench/signaling/server-bare.ts) as the baseline.
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { generateRoomId } from '../lib/view/roomId';
import { forkScript, nextMessage, stopChild } from './lib/child';
import { cpuSeconds, rssBytes } from './lib/proc';
import { writeResult } from './lib/results';
import { fmt, summarize, type Summary } from './lib/stats';
import { markdownTable } from './lib/table';
import type { BotReply, ServerReady } from './signaling/messages';

export interface SignalingOptions {
  sizes: number[];
  roomSize: number;
  /** Room entries per second, over all bot processes. */
  enterRate: number;
  steadySeconds: number;
  /** ICE relays per second each client sends in the steady phase. */
  perClientRate: number;
  botProcesses: number;
}

export const DEFAULT_SIGNALING: SignalingOptions = {
  sizes: [500, 1000, 2000],
  roomSize: 4,
  enterRate: 200,
  steadySeconds: 8,
  perClientRate: 1,
  botProcesses: 2,
};

type ServerKind = 'bare' | 'parley';

export interface SignalingRow {
  server: ServerKind;
  clients: number;
  connected: number;
  enter: Summary;
  /** Offer / answer / ice relays while rooms fill up. */
  joinRelay: Summary;
  /** The steady trickle of ice relays. */
  relay: Summary;
  messagesPerSecond: number;
  lost: number;
  errors: number;
  rssIdleMiB: number;
  rssMiB: number;
  rssPer1kMiB: number;
  /** Server CPU cores busy in the steady phase, per 1,000 connected clients. */
  cpuPer1k: number;
  cpuCores: number;
  /** The machine's 1-minute load average at the end (other work on the box makes figures noisy). */
  load: number;
}

const MiB = 1024 * 1024;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function startServer(kind: ServerKind): Promise<{ child: ChildProcess; url: string }> {
  const child = forkScript(`signaling/server-${kind}.ts`);
  const ready = await nextMessage<ServerReady, 'ready'>(child, 'ready', 30_000);
  return { child, url: `http://127.0.0.1:${ready.port}` };
}

async function ask<T extends BotReply['type']>(
  bots: ChildProcess[],
  command: object,
  type: T,
  timeoutMs: number,
) {
  const replies = bots.map((bot) => nextMessage<BotReply, T>(bot, type, timeoutMs));
  for (const bot of bots) bot.send(command);
  return Promise.all(replies);
}

async function measure(
  kind: ServerKind,
  clients: number,
  o: SignalingOptions,
): Promise<SignalingRow> {
  const { child: server, url } = await startServer(kind);
  const pid = server.pid as number;
  const bots: ChildProcess[] = [];
  try {
    await pause(1000);
    const rssIdle = rssBytes(pid);
    const rooms = Array.from({ length: Math.ceil(clients / o.roomSize) }, () => generateRoomId());
    for (let i = 0; i < o.botProcesses; i++) bots.push(forkScript('signaling/bots.ts'));
    const connected = await Promise.all(
      bots.map((bot, i) => {
        const reply = nextMessage<BotReply, 'connected'>(bot, 'connected', 60_000);
        bot.send({
          type: 'connect',
          plan: {
            url,
            rooms: rooms.filter((_, r) => r % o.botProcesses === i),
            roomSize: o.roomSize,
            enterRate: o.enterRate / o.botProcesses,
            candidatesPerPeer: 4,
          },
        });
        return reply;
      }),
    );
    const entered = await ask(bots, { type: 'enter' }, 'entered', 120_000);
    await pause(1000);
    const cpuBefore = cpuSeconds(pid);
    const steady = await ask(
      bots,
      { type: 'steady', seconds: o.steadySeconds, perClientRate: o.perClientRate },
      'steady-done',
      o.steadySeconds * 1000 + 30_000,
    );
    const cpuAfter = cpuSeconds(pid);
    const rss = rssBytes(pid);
    const seconds = Math.max(...steady.map((s) => s.seconds));
    const connectedCount = connected.reduce((n, c) => n + c.clients, 0);
    const cpuCores = (cpuAfter - cpuBefore) / seconds;
    const received = steady.reduce((n, s) => n + s.received, 0);
    return {
      server: kind,
      clients,
      connected: connectedCount,
      enter: summarize(entered.flatMap((e) => e.enterMs)),
      joinRelay: summarize(entered.flatMap((e) => e.relayMs)),
      relay: summarize(steady.flatMap((s) => s.relayMs)),
      messagesPerSecond: received / seconds,
      lost:
        entered.reduce((n, e) => n + e.lost, 0) +
        steady.reduce((n, s) => n + (s.sent - s.received), 0),
      errors:
        entered.reduce((n, e) => n + e.errors, 0) + connected.reduce((n, c) => n + c.failed, 0),
      rssIdleMiB: rssIdle / MiB,
      rssMiB: rss / MiB,
      rssPer1kMiB: ((rss - rssIdle) / MiB / connectedCount) * 1000,
      cpuCores,
      cpuPer1k: (cpuCores / connectedCount) * 1000,
      load: loadavg()[0],
    };
  } finally {
    const closing = bots.map((bot) =>
      nextMessage<BotReply, 'closed'>(bot, 'closed', 5000).catch(() => undefined),
    );
    for (const bot of bots) if (bot.connected) bot.send({ type: 'close' });
    await Promise.all(closing);
    await Promise.all(bots.map(stopChild));
    await stopChild(server);
  }
}

export function signalingTable(rows: SignalingRow[]): string {
  const bare = new Map(rows.filter((r) => r.server === 'bare').map((r) => [r.clients, r]));
  return markdownTable(
    [
      'server',
      'clients',
      'enter p50 ms',
      'enter p99 ms',
      'relay p50 ms',
      'relay p99 ms',
      'p99 vs bare',
      'join relay p99 ms',
      'relays/s',
      'lost',
      'RSS MiB',
      'RSS MiB /1k',
      'CPU cores /1k',
      'load',
    ],
    rows.map((r) => {
      const base = bare.get(r.clients);
      return [
        r.server,
        r.connected === r.clients ? r.clients : `${r.connected}/${r.clients}`,
        fmt(r.enter.p50),
        fmt(r.enter.p99),
        fmt(r.relay.p50),
        fmt(r.relay.p99),
        base ? `${fmt(r.relay.p99 / base.relay.p99, 2)}x` : 'n/a',
        fmt(r.joinRelay.p99),
        fmt(r.messagesPerSecond, 0),
        r.lost + r.errors,
        fmt(r.rssMiB),
        fmt(r.rssPer1kMiB),
        fmt(r.cpuPer1k, 3),
        fmt(r.load),
      ];
    }),
  );
}

export async function runSignaling(options: Partial<SignalingOptions> = {}): Promise<string> {
  const o = { ...DEFAULT_SIGNALING, ...options };
  const rows: SignalingRow[] = [];
  for (const clients of o.sizes) {
    for (const kind of ['bare', 'parley'] as const) {
      const started = Date.now();
      const row = await measure(kind, clients, o);
      rows.push(row);
      console.log(
        `  ${kind} ${clients}: relay p99 ${fmt(row.relay.p99)} ms, enter p99 ${fmt(row.enter.p99)} ms (${fmt((Date.now() - started) / 1000, 0)} s)`,
      );
    }
  }
  const table = signalingTable(rows);
  const path = writeResult('signaling', { options: o, rows });
  return `### Signaling (${o.roomSize} per room, ${o.perClientRate} relay/s per client steady, ${o.botProcesses} bot processes)\n\n${table}\n\n(JSON: ${path})`;
}
