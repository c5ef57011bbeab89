import { FileTransfers } from './files/fileTransfers';
import { HandsAndReactions } from './handsAndReactions';
import { parsePeerMessage, type Reaction } from './messages';
import type { RoomStore } from '@/lib/store';
import type { Mesh } from '@/lib/webrtc/mesh';

/**
 * What travels on the peer-to-peer data channels of one call: files, raised
 * hands, reactions. Created with the Mesh, closed with it. Routes the mesh's
 * channel events (validated) to the two features, which write into the store.
 */
export class PeerData {
  readonly files: FileTransfers;
  readonly hands: HandsAndReactions;
  private readonly cleanups: (() => void)[];

  constructor(mesh: Mesh, store: RoomStore, selfId: string) {
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
        this.files.peerGone(id);
        this.hands.peerGone(id);
      }),
      mesh.on('channel-control', (id, raw) => {
        const message = parsePeerMessage(raw);
        if (!message) return;
        if (message.t === 'hand' || message.t === 'reaction') this.hands.handleMessage(id, message);
        else this.files.handleMessage(id, message);
      }),
      mesh.on('channel-binary', (id, data) => this.files.handleBinary(id, data)),
    ];
  }

  shareFile(file: File): Promise<string | null> {
    return this.files.share(file);
  }

  setHand(raised: boolean): void {
    this.hands.setHand(raised);
  }

  react(emoji: Reaction): boolean {
    return this.hands.react(emoji);
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.files.dispose();
    this.hands.dispose();
  }
}
