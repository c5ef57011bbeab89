/**
 * Host keys kept in this browser, per room (localStorage; never in a link), and
 * the "New meeting" intent the landing page leaves for the room page
 * (sessionStorage, this tab only).
 */
const keyOf = (roomId: string) => `parley:host-key:${roomId}`;
const createOf = (roomId: string) => `parley:create:${roomId}`;

function store(kind: 'local' | 'session'): Storage | null {
  try {
    if (typeof window === 'undefined') return null;
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null;
  }
}

function read(kind: 'local' | 'session', key: string): string | null {
  try {
    return store(kind)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(kind: 'local' | 'session', key: string, value: string | null): void {
  try {
    if (value === null) store(kind)?.removeItem(key);
    else store(kind)?.setItem(key, value);
  } catch {
    // storage full or blocked: host rights then last as long as the seat
  }
}

export function loadHostKey(roomId: string): string | null {
  return read('local', keyOf(roomId));
}

export function saveHostKey(roomId: string, hostKey: string): void {
  write('local', keyOf(roomId), hostKey);
}

/** The landing page's "New meeting": the first entry into this room asks for a host key. */
export function markCreating(roomId: string): void {
  write('session', createOf(roomId), '1');
}

export function isCreating(roomId: string): boolean {
  return read('session', createOf(roomId)) === '1';
}

export function doneCreating(roomId: string): void {
  write('session', createOf(roomId), null);
}

/** What a room-enter carries to claim host rights (a key) or make the room ("New meeting"). */
export function hostEntryFields(roomId: string): { hostKey?: string; create?: true } {
  const hostKey = loadHostKey(roomId);
  return { ...(hostKey ? { hostKey } : {}), ...(isCreating(roomId) ? { create: true } : {}) };
}
