/**
 * What can be pinned to the spotlight, as one string (the store's `pinnedId`,
 * the spotlight's `data-focus`): a person's tile is their participant id, their
 * screen share is "screen:<id>". Build and read it only here.
 */
export type PinKey = string & { readonly __pinKey: true };

export type PinTarget = { kind: 'person'; id: string } | { kind: 'screen'; id: string };

const SCREEN_PREFIX = 'screen:';

/** The pin key of a participant's camera tile. */
export function personPinKey(id: string): PinKey {
  return id as PinKey;
}

/** The pin key of a participant's screen share. */
export function screenPinKey(id: string): PinKey {
  return `${SCREEN_PREFIX}${id}` as PinKey;
}

export function parsePinKey(key: PinKey): PinTarget {
  return key.startsWith(SCREEN_PREFIX)
    ? { kind: 'screen', id: key.slice(SCREEN_PREFIX.length) }
    : { kind: 'person', id: key };
}
