/**
 * A Parley client that speaks only the signaling protocol of docs/protocol.md,
 * with socket.io-client: it enters a room, keeps the list of people, sends and
 * receives chat, and leaves. No media (it never answers offers), no app code:
 * the only import from the app is lib/protocol's types. A starting point for
 * bots, recorders and gateways, and the client the protocol tests drive.
 *
 *   npx tsx clients/bot.ts http://localhost:3000 abcd-efgh-jkmn [name]
 *
 * enters that room, prints who is there and every chat message, answers
 * "!people" in the chat, and leaves on Ctrl-C.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ChatMessage,
  ClientToServerEvents,
  IceServer,
  MediaState,
  PeerInfo,
  ProtocolError,
  RoomEntered,
  ServerToClientEvents,
} from '../lib/protocol';

export type BotSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** An event name and payload the server sent, in arrival order. */
export interface ReceivedEvent {
  event: string;
  payload: unknown;
}

export class BotError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'BotError';
  }
}

export interface BotOptions {
  /** Milliseconds to wait for an ack or an event (default 5000). */
  timeoutMs?: number;
  /** Reconnect after a dropped connection (default false). */
  reconnection?: boolean;
}

const NO_MEDIA: MediaState = { camera: false, mic: false, screen: false };

/** Untyped view of the socket, for the generic request / emit / wait helpers. */
type LooseSocket = Socket<
  Record<string, (...args: unknown[]) => void>,
  Record<string, (...args: unknown[]) => void>
>;

export class ParleyBot {
  readonly socket: BotSocket;
  /** Everything the server sent, in order (the walker in the tests reads this). */
  readonly received: ReceivedEvent[] = [];
  /** Chat messages heard since entering, own ones included. */
  readonly messages: ChatMessage[] = [];
  selfId: string | null = null;
  resumeToken: string | null = null;
  iceServers: IceServer[] = [];
  private readonly people = new Map<string, PeerInfo>();
  private readonly timeoutMs: number;
  private waiters: (() => void)[] = [];

  private constructor(socket: BotSocket, timeoutMs: number) {
    this.socket = socket;
    this.timeoutMs = timeoutMs;
    socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload });
      this.track(event, payload);
      for (const wake of this.waiters.slice()) wake();
    });
  }

  /** Connects to a Parley server (its base URL) over WebSocket. */
  static async connect(url: string, options: BotOptions = {}): Promise<ParleyBot> {
    const timeoutMs = options.timeoutMs ?? 5000;
    const socket: BotSocket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: options.reconnection ?? false,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error(`could not connect to ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('connect_error', (err) => {
        clearTimeout(timer);
        socket.close();
        reject(err);
      });
    });
    return new ParleyBot(socket, timeoutMs);
  }

  /** Enters a room; resolves with the server's answer. Throws BotError on refusal. */
  async enter(
    roomId: string,
    displayName: string,
    media: MediaState = NO_MEDIA,
    resumeToken?: string,
  ): Promise<RoomEntered> {
    const payload = { roomId, displayName, media, ...(resumeToken ? { resumeToken } : {}) };
    const answer = unwrap(await this.typed().emitWithAck('room-enter', payload));
    if (!('selfId' in answer)) {
      throw new BotError('waiting', 'the room has its waiting room on: a bot cannot knock');
    }
    const entered: RoomEntered = answer;
    this.selfId = entered.selfId;
    this.resumeToken = entered.resumeToken;
    this.iceServers = entered.iceServers;
    this.people.clear();
    for (const peer of entered.peers) this.people.set(peer.id, peer);
    return entered;
  }

  /** The other people in the room, as this bot knows them now, in join order. */
  list(): PeerInfo[] {
    return [...this.people.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Sends a chat message; resolves with it as the server stamped it. */
  async say(text: string): Promise<ChatMessage> {
    return unwrap(await this.typed().emitWithAck('chat', { text })).message;
  }

  /** Tells the room what this bot sends (a bot sends nothing by default). */
  async setMedia(media: MediaState): Promise<void> {
    unwrap(await this.typed().emitWithAck('media-state', media));
  }

  /** Fresh ICE servers (TURN credentials), e.g. at 80 % of iceTtlSeconds. */
  async refreshIceServers(): Promise<{ iceServers: IceServer[]; iceTtlSeconds: number | null }> {
    const fresh = unwrap(await this.typed().emitWithAck('ice-servers'));
    this.iceServers = fresh.iceServers;
    return fresh;
  }

  /** Leaves the room (the others are told at once); the socket stays open. */
  async leave(): Promise<void> {
    unwrap(await this.typed().emitWithAck('room-leave'));
    this.selfId = null;
    this.people.clear();
  }

  /** Closes the socket without leaving: the others are told after the presence grace. */
  close(): void {
    this.socket.close();
  }

  /** Waits for a chat message matching `predicate` (already heard ones count). */
  async waitForChat(
    predicate: (message: ChatMessage) => boolean,
    timeoutMs = this.timeoutMs,
  ): Promise<ChatMessage> {
    return this.until(() => this.messages.find(predicate), `a chat message`, timeoutMs);
  }

  /** Waits until the bot's list of people satisfies `predicate`. */
  async waitForPeople(
    predicate: (people: PeerInfo[]) => boolean,
    timeoutMs = this.timeoutMs,
  ): Promise<PeerInfo[]> {
    return this.until(
      () => (predicate(this.list()) ? this.list() : undefined),
      'the people list',
      timeoutMs,
    );
  }

  /**
   * Emits any event with an ack callback and resolves with the raw ack,
   * refusals included. For events with no payload pass `undefined`.
   */
  request(event: string, payload?: unknown): Promise<unknown> {
    const socket = (this.socket as unknown as LooseSocket).timeout(this.timeoutMs);
    return payload === undefined ? socket.emitWithAck(event) : socket.emitWithAck(event, payload);
  }

  /** Emits any event without an ack callback. */
  emit(event: string, payload?: unknown): void {
    const socket = this.socket as unknown as LooseSocket;
    if (payload === undefined) socket.emit(event);
    else socket.emit(event, payload);
  }

  /**
   * Resolves with the index of the first received event at or after `from`
   * that is named `event` and passes `predicate`, waiting for it if needed.
   */
  async nextEvent(
    event: string,
    from = 0,
    predicate: (payload: unknown) => boolean = () => true,
    timeoutMs = this.timeoutMs,
  ): Promise<number> {
    return this.until(
      () => {
        for (let i = from; i < this.received.length; i += 1) {
          const e = this.received[i];
          if (e.event === event && predicate(e.payload)) return i;
        }
        return undefined;
      },
      `"${event}"`,
      timeoutMs,
    );
  }

  private typed(): BotSocket {
    return this.socket.timeout(this.timeoutMs) as unknown as BotSocket;
  }

  private track(event: string, payload: unknown): void {
    const p = payload as Record<string, unknown>;
    if (event === 'peer-joined') {
      const peer = payload as PeerInfo;
      this.people.set(peer.id, peer);
    } else if (event === 'peer-left') {
      this.people.delete(String(p.id));
    } else if (event === 'media-state') {
      const peer = this.people.get(String(p.from));
      if (peer) this.people.set(peer.id, { ...peer, media: p.media as MediaState });
    } else if (event === 'chat') {
      this.messages.push(payload as ChatMessage);
    }
  }

  private until<T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const wake = () => {
        const value = probe();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== wake);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(wake);
    });
  }
}

function unwrap<T extends object>(ack: Ack<T>): T {
  if (!ack.ok) {
    const error: ProtocolError = ack.error;
    throw new BotError(error.code, error.message);
  }
  return ack;
}

async function main(argv: string[]): Promise<void> {
  const [url, roomId, name = 'Parley bot'] = argv;
  if (!url || !roomId) {
    console.error('usage: npx tsx clients/bot.ts <server url> <room id> [display name]');
    process.exitCode = 2;
    return;
  }
  const bot = await ParleyBot.connect(url);
  const entered = await bot.enter(roomId, name);
  const names = () => bot.list().map((p) => p.displayName);
  console.log(`entered ${roomId} as ${entered.selfId}; here: ${names().join(', ') || 'nobody'}`);
  bot.socket.on('peer-joined', (peer) => console.log(`+ ${peer.displayName}`));
  bot.socket.on('peer-left', ({ id, reason }) => console.log(`- ${id} (${reason})`));
  bot.socket.on('chat', (message) => {
    console.log(`<${message.displayName}> ${message.text}`);
    if (message.text.trim() === '!people' && message.from !== bot.selfId) {
      void bot.say(`Here: ${[name, ...names()].join(', ')}`);
    }
  });
  process.once('SIGINT', () => {
    void bot.leave().finally(() => bot.close());
  });
}

if (process.argv[1] && /clients[\\/]bot\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
