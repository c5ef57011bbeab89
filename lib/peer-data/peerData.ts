import { FileTransfers } from './files/fileTransfers';
import { HandsAndReactions } from './handsAndReactions';
import type { PeerMessage, Reaction } from './messages';
import type { RoomStore } from '@/lib/store';
import type { Mesh } from '@/lib/webrtc/mesh';

/** What PeerData needs of the Mesh: its channel events and the channels themselves. */
export type PeerDataMesh = Pick<Mesh, 'on' | 'channels' | 'broadcastControl'>;

type Parse = (raw: unknown) => PeerMessage | null;

/**
 * What travels on the peer-to-peer data channels of one call: files, raised
 * hands, reactions. Created with the Mesh, closed with it. Routes the mesh's
 * channel events (validated) to the two features, which write into the store.
 *
 * The validator (zod/mini) is loaded with import() when the call starts: until
 * it is there (well before any data channel opens, in practice), channel events
 * wait in arrival order.
 */
export class PeerData {
  private readonly files: FileTransfers;
  private readonly hands: HandsAndReactions;
  private readonly cleanups: (() => void)[];
  private parse: Parse | null = null;
  private waiting: (() => void)[] | null = [];

  constructor(
    mesh: PeerDataMesh,
    store: RoomStore,
    selfId: string,
    loadParser: () => Promise<Parse> = async () =>
      (await import('./messageSchema')).parsePeerMessage,
  ) {
    this.files = new FileTransfers({
      store,
      selfId,
      openPeers: () =>
        Object.keys(store.getState().participants).filter((id) => mesh.channels(id)?.isOpen),
      channel: (id) => mesh.channels(id),
    });
    this.hands = new HandsAndReactions({
      store,
      selfId,
      broadcast: (message) => mesh.broadcastControl(message),
      sendTo: (id, message) => mesh.channels(id)?.sendControl(message),
    });
    this.cleanups = [
      mesh.on('channel-open', (id) => {
        store.getState().setDataPeer(id, true);
        this.hands.peerConnected(id);
      }),
      mesh.on('channel-close', (id) => {
        store.getState().setDataPeer(id, false);
        this.inOrder(() => {
          this.files.peerGone(id);
          this.hands.peerGone(id);
        });
      }),
      mesh.on('channel-control', (id, raw) => this.inOrder(() => this.route(id, raw))),
      mesh.on('channel-binary', (id, data) =>
        this.inOrder(() => this.files.handleBinary(id, data)),
      ),
    ];
    loadParser()
      // Could not load it (offline?): peer messages are dropped, the call goes on.
      .catch((): Parse => () => null)
      .then((parse) => {
        this.parse = parse;
        for (const handle of this.waiting?.splice(0) ?? []) handle();
        this.waiting = null;
      });
  }

  shareFile(file: File): Promise<string | null> {
    return this.files.share(file);
  }

  acceptFile(key: string): void {
    this.files.accept(key);
  }

  declineFile(key: string): void {
    this.files.decline(key);
  }

  cancelFile(key: string): void {
    this.files.cancel(key);
  }

  dismissFile(key: string): void {
    this.files.dismiss(key);
  }

  setHand(raised: boolean): void {
    this.hands.setHand(raised);
  }

  react(emoji: Reaction): boolean {
    return this.hands.react(emoji);
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.waiting?.splice(0);
    this.files.dispose();
    this.hands.dispose();
  }

  /** Runs `handle` now, or once the validator is loaded, after the events before it. */
  private inOrder(handle: () => void): void {
    if (this.waiting) this.waiting.push(handle);
    else handle();
  }

  private route(id: string, raw: unknown): void {
    const message = this.parse?.(raw);
    if (!message) return;
    if (message.t === 'hand' || message.t === 'reaction') this.hands.handleMessage(id, message);
    else this.files.handleMessage(id, message);
  }
}
