import Janode, { type JanodeConnection, type JanodeSession } from 'janode';
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import { Emitter } from '@/lib/util/emitter';
import { silentLogger, type Logger } from '@/server/ops/logger';
import { janusCall, SfuError } from './errors';

export interface JanusLinkOptions {
  /** Janus's WebSocket API, e.g. ws://127.0.0.1:8188. */
  url: string;
  apiSecret: string;
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Seconds between session keepalives (Janus's session_timeout must be longer). */
  keepaliveSeconds?: number;
  log?: Logger;
}

export type JanusLinkEvents = {
  /** Connected with a fresh session: Janus holds no rooms from before. */
  up: [];
  /** Janus went away; every handle is gone. Reconnection is under way. */
  down: [reason: string];
};

Janode.Logger.setLevel('none');

/**
 * One connection and one Janus session, kept up: when Janus goes away it says
 * 'down', reconnects with backoff, and says 'up' with a new session. Handles
 * attached from an old session are dead after 'down'.
 */
export class JanusLink extends Emitter<JanusLinkEvents> {
  private connection: JanodeConnection | null = null;
  private session: JanodeSession | null = null;
  private running = false;
  private wake: (() => void) | null = null;
  private readonly log: Logger;

  constructor(private readonly options: JanusLinkOptions) {
    super();
    this.log = options.log ?? silentLogger;
  }

  get isUp(): boolean {
    return this.session !== null;
  }

  /** Starts connecting (and keeps reconnecting) in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  /** Resolves once connected, or rejects with 'unavailable' after `timeoutMs`. */
  whenUp(timeoutMs: number): Promise<void> {
    if (this.isUp) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new SfuError('unavailable', `Janus not reachable within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on('up', () => {
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  /** A new VideoRoom handle on the current session. */
  async attach(): Promise<VideoRoomHandle> {
    const session = this.session;
    if (!session) throw new SfuError('unavailable', 'Janus is not connected');
    return janusCall(() => session.attach(VideoRoomPlugin));
  }

  /** Stops reconnecting and closes the connection (its session goes with it). */
  async close(): Promise<void> {
    this.running = false;
    this.wake?.();
    const connection = this.connection;
    this.connection = null;
    this.session = null;
    this.removeAllListeners();
    if (connection) await connection.close().catch(() => {});
  }

  private async run(): Promise<void> {
    const initial = this.options.initialBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 5_000;
    let delay = initial;
    while (this.running) {
      let lost: Promise<string>;
      try {
        ({ lost } = await this.connectOnce());
      } catch (err) {
        this.log.warn({ err: String(err), retryMs: delay }, 'janus: connect failed');
        await this.sleep(delay);
        delay = Math.min(delay * 2, max);
        continue;
      }
      delay = initial;
      this.log.info({ url: this.options.url }, 'janus: up');
      this.emit('up');
      const reason = await lost;
      if (!this.running) return;
      this.session = null;
      this.log.warn({ reason }, 'janus: down');
      this.emit('down', reason);
      const connection = this.connection;
      this.connection = null;
      if (connection) await connection.close().catch(() => {});
    }
  }

  /** Connects and creates a session; `lost` resolves with the reason it is lost. */
  private async connectOnce(): Promise<{ lost: Promise<string> }> {
    const connection = await Janode.connect({
      address: { url: this.options.url, apisecret: this.options.apiSecret },
      max_retries: 0,
    });
    let lose: (reason: string) => void = () => {};
    const lost = new Promise<string>((resolve) => (lose = resolve));
    connection.once('connection_error', (err) => lose(err.message));
    connection.once('connection_closed', () => lose('connection closed'));
    let session: JanodeSession;
    try {
      session = await connection.create(this.options.keepaliveSeconds ?? 15);
    } catch (err) {
      await connection.close().catch(() => {});
      throw err;
    }
    session.once('session_destroyed', () => lose('session destroyed'));
    if (!this.running) {
      await connection.close().catch(() => {});
      throw new Error('closed');
    }
    this.connection = connection;
    this.session = session;
    return { lost };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
