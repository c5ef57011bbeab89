// Getting several people into one call the way people do: the first one
// clicks "New meeting", the others open the link that person shares.
import type { Browser, Page } from 'playwright-core';
import { TID, ROOM_PATH, waitForHydration } from './app';
import { newParticipant, type Participant, type ParticipantOptions } from './browser';
import { waitFor } from './wait';

export interface Person extends Participant {
  name: string;
}

/** Opens the landing page, clicks "New meeting", and resolves with the room's link. */
export async function createMeeting(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/`);
  await waitForHydration(page, TID.createRoom);
  await page.getByTestId(TID.createRoom).click();
  await page.waitForURL((url) => ROOM_PATH.test(url.pathname));
  return page.url();
}

/** In the lobby already open in `page`: type a name, join, wait for self-view. */
export async function enterFromLobby(page: Page, name: string): Promise<void> {
  await waitForHydration(page, TID.joinButton);
  await page.getByTestId(TID.displayName).fill(name);
  await page.getByTestId(TID.joinButton).click();
  await page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
}

/** A new person (own browser context) opens the meeting link and joins as `name`. */
export async function joinByLink(
  browser: Browser,
  link: string,
  name: string,
  options: ParticipantOptions = {},
): Promise<Person> {
  const person = await newParticipant(browser, options);
  await person.page.goto(link);
  await enterFromLobby(person.page, name);
  return { ...person, name };
}

/**
 * Participant ids as this page's remote tiles show them, by display name
 * (a tile's text includes the name). Names must not be prefixes of each other.
 */
export async function idsByName(page: Page, names: string[]): Promise<Record<string, string>> {
  const tiles = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-testid="remote-tile"]')).map(
      (tile) => ({ id: tile.getAttribute('data-participant-id'), text: tile.innerText }),
    ),
  );
  const out: Record<string, string> = {};
  for (const name of names) {
    const matching = tiles.filter((t) => t.text.split('\n').some((line) => line.trim() === name));
    if (matching.length !== 1 || !matching[0].id) {
      throw new Error(`${matching.length} remote tiles named ${name} (${JSON.stringify(tiles)})`);
    }
    out[name] = matching[0].id;
  }
  return out;
}

/** Waits until this page shows one remote tile for each of `names`, and returns their ids. */
export function waitForIds(
  page: Page,
  names: string[],
  timeout = 30_000,
): Promise<Record<string, string>> {
  return waitFor(() => idsByName(page, names), {
    timeout,
    message: `tiles named ${names.join(', ')}`,
  });
}
