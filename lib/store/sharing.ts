import type { StateCreator } from 'zustand/vanilla';
import type { Reaction } from '@/lib/peer-data/messages';
import type { RoomState } from '@/lib/store';

/** A file someone offered to you; `data-state` of its file-card. */
export type IncomingState = 'offered' | 'receiving' | 'done' | 'failed' | 'declined';
/** How one recipient is doing with a file you sent. */
export type RecipientState = 'offered' | 'sending' | 'done' | 'declined' | 'failed';

/**
 * The one key of a transfer, in the store and in lib/peer-data/files, for both
 * directions: who sends it and its transfer id (the self id for your own files).
 */
export function transferKey(senderId: string, transferId: string): string {
  return `${senderId}/${transferId}`;
}

export interface IncomingTransfer {
  direction: 'in';
  /** transferKey(from, transfer id). */
  key: string;
  from: string;
  fromName: string;
  name: string;
  size: number;
  state: IncomingState;
  bytes: number;
  /** The object URL of the checked file, once done. */
  url: string | null;
  error: string | null;
}

export interface Recipient {
  name: string;
  state: RecipientState;
  bytes: number;
}

export interface OutgoingTransfer {
  direction: 'out';
  /** transferKey(self id, transfer id). */
  key: string;
  name: string;
  size: number;
  /** preparing: hashing the file before offering it. */
  state: 'preparing' | 'active' | 'finished' | 'cancelled' | 'failed';
  recipients: Record<string, Recipient>;
  error: string | null;
}

export type Transfer = IncomingTransfer | OutgoingTransfer;

/** Recipient states after which nothing more happens for that person. */
export const isSettled = (state: RecipientState): boolean =>
  state === 'done' || state === 'declined' || state === 'failed';

export interface FloatingReaction {
  key: number;
  /** Participant id, or the self id for your own. */
  from: string;
  emoji: Reaction;
}

export interface SharingSlice {
  /**
   * File transfers in and out, by transferKey, in the order they started: the
   * only record of their state (lib/peer-data/files keeps just the bytes).
   */
  transfers: Record<string, Transfer>;
  /** Raised hands: participant id (yours included, by self id) -> raise time. */
  hands: Record<string, number>;
  reactions: FloatingReaction[];
  /** Participants whose data channels are open: who a file can go to now. */
  dataPeers: Record<string, true>;
  setDataPeer(id: string, open: boolean): void;
  putTransfer(transfer: Transfer): void;
  patchIncoming(key: string, change: Partial<IncomingTransfer>): void;
  patchOutgoing(key: string, change: Partial<OutgoingTransfer>): void;
  patchRecipient(key: string, peerId: string, change: Partial<Recipient>): void;
  removeTransfer(key: string): void;
  setHand(id: string, raisedAt: number | null): void;
  addReaction(reaction: FloatingReaction): void;
  removeReaction(key: number): void;
  clearSharing(): void;
}

export const createSharingSlice: StateCreator<RoomState, [], [], SharingSlice> = (set) => {
  const patch = <T extends Transfer>(key: string, direction: T['direction'], change: Partial<T>) =>
    set((state) => {
      const current = state.transfers[key];
      if (!current || current.direction !== direction) return state;
      return { transfers: { ...state.transfers, [key]: { ...current, ...change } as Transfer } };
    });
  return {
    transfers: {},
    hands: {},
    reactions: [],
    dataPeers: {},
    setDataPeer: (id, open) =>
      set((state) => {
        if (open === id in state.dataPeers) return state;
        const { [id]: _gone, ...rest } = state.dataPeers;
        return { dataPeers: open ? { ...rest, [id]: true } : rest };
      }),
    putTransfer: (transfer) =>
      set((state) => ({ transfers: { ...state.transfers, [transfer.key]: transfer } })),
    patchIncoming: (key, change) => patch<IncomingTransfer>(key, 'in', change),
    patchOutgoing: (key, change) => patch<OutgoingTransfer>(key, 'out', change),
    patchRecipient: (key, peerId, change) =>
      set((state) => {
        const current = state.transfers[key];
        if (current?.direction !== 'out' || !current.recipients[peerId]) return state;
        const recipients = {
          ...current.recipients,
          [peerId]: { ...current.recipients[peerId], ...change },
        };
        return { transfers: { ...state.transfers, [key]: { ...current, recipients } } };
      }),
    removeTransfer: (key) =>
      set((state) => {
        if (!state.transfers[key]) return state;
        const { [key]: _removed, ...rest } = state.transfers;
        return { transfers: rest };
      }),
    setHand: (id, raisedAt) =>
      set((state) => {
        if (raisedAt === null) {
          if (!(id in state.hands)) return state;
          const { [id]: _lowered, ...rest } = state.hands;
          return { hands: rest };
        }
        return state.hands[id] === raisedAt ? state : { hands: { ...state.hands, [id]: raisedAt } };
      }),
    addReaction: (reaction) =>
      set((state) => ({ reactions: [...state.reactions, reaction].slice(-30) })),
    removeReaction: (key) =>
      set((state) => ({ reactions: state.reactions.filter((r) => r.key !== key) })),
    clearSharing: () => set({ transfers: {}, hands: {}, reactions: [], dataPeers: {} }),
  };
};

/**
 * Raised hands in the order they went up (ties broken by id, so everyone
 * agrees). Pass `state.hands`; memoize the result in components.
 */
export function orderRaisedHands(hands: Record<string, number>): string[] {
  return Object.entries(hands)
    .map(([id, at]) => ({ id, at }))
    .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
    .map((hand) => hand.id);
}
