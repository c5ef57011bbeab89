/** Node ids go into keys and values; keep them to a safe alphabet. */
export function safeNodeId(nodeId: string): string {
  return nodeId.replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 100) || 'node';
}

/** The Redis key names of one node's view of the registry (layout: see scripts.ts). */
export class RedisKeys {
  readonly nodeId: string;

  constructor(
    nodeId: string,
    readonly prefix = 'parley:',
  ) {
    this.nodeId = safeNodeId(nodeId);
  }

  room(roomId: string): string {
    return `${this.prefix}room:${roomId}`;
  }

  /** A room's control (hosts, lock, waiting room, passcode) as one JSON string. */
  control(roomId: string): string {
    return `${this.prefix}control:${roomId}`;
  }

  get rooms(): string {
    return `${this.prefix}rooms`;
  }

  /** The set of "<roomId> <memberId>" entries a node holds. */
  nodeMembers(nodeId = this.nodeId): string {
    return `${this.prefix}node-members:${nodeId}`;
  }

  /** A node's heartbeat key (expires unless refreshed). */
  node(nodeId = this.nodeId): string {
    return `${this.prefix}node:${nodeId}`;
  }

  get nodes(): string {
    return `${this.prefix}nodes`;
  }
}

/** The index entry of a seat: "<roomId> <memberId>". */
export const seatEntry = (roomId: string, memberId: string) => `${roomId} ${memberId}`;

export function parseSeatEntry(entry: string): { roomId: string; memberId: string } {
  const space = entry.indexOf(' ');
  return { roomId: entry.slice(0, space), memberId: entry.slice(space + 1) };
}
