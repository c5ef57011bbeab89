// Host controls in real Chromium against the production server: the person
// who clicks "New meeting" is host; lock, waiting room (knock, admit, deny),
// remove, a mute request, and ending the meeting for everyone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  createMeeting,
  enterFromLobby,
  idsByName,
  joinByLink,
  launchBrowser,
  newParticipant,
  peerConnectionStats,
  startServer,
  TID,
  waitFor,
  waitForHydration,
  waitForIds,
  waitForMediaFlow,
  waitForPressed,
  waitForTileAttribute,
  waitForTileGone,
  type Participant,
  type ParleyServer,
} from './harness';

let server: ParleyServer;
let browser: Browser;
const people: Participant[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  for (const p of people) expect(p.pageErrors).toEqual([]);
  await Promise.all(people.splice(0).map((p) => p.close()));
});

/** The host: clicks "New meeting", joins, opens the People panel; resolves with the link. */
async function hostMeeting(name = 'Hana'): Promise<{ host: Participant; link: string }> {
  const host = await newParticipant(browser);
  people.push(host);
  const link = await createMeeting(host.page, server.url);
  await enterFromLobby(host.page, name);
  await host.page.getByTestId('host-badge').first().waitFor({ timeout: 15_000 });
  await host.page.getByTestId('people-toggle').click();
  await host.page.getByTestId('lock-room').waitFor();
  return { host, link };
}

async function guest(link: string, name: string): Promise<Participant> {
  const p = await joinByLink(browser, link, name);
  people.push(p);
  return p;
}

/** Opens the lobby at `link` and clicks join as `name`, without waiting to be in. */
async function knock(link: string, name: string): Promise<Participant> {
  const p = await newParticipant(browser);
  people.push(p);
  await p.page.goto(link);
  await waitForHydration(p.page, TID.joinButton);
  await p.page.getByTestId(TID.displayName).fill(name);
  await p.page.getByTestId(TID.joinButton).click();
  return p;
}

const lobbyStatus = (page: Page, text: string) =>
  page.getByTestId('lobby-status').filter({ hasText: text }).waitFor({ timeout: 15_000 });

/** The People-panel menu of `name`, then one of its items. */
async function personAction(page: Page, name: string, item: string): Promise<void> {
  await page
    .getByTestId('participant-row')
    .filter({ hasText: name })
    .getByTestId('person-actions')
    .click();
  await page.getByTestId(item).click();
}

describe('host controls', () => {
  test('the host locks the room: a newcomer is refused with the message, then let in once unlocked', async () => {
    const { host, link } = await hostMeeting();
    await host.page.getByTestId('lock-room').click();
    await waitForPressed(host.page, 'lock-room', true);
    const late = await knock(link, 'Lou');
    await lobbyStatus(late.page, 'This meeting is locked.');
    expect(await late.page.getByTestId(TID.selfView).count()).toBe(0);
    await host.page.getByTestId('lock-room').click();
    await waitForPressed(host.page, 'lock-room', false);
    await late.page.getByTestId(TID.joinButton).click();
    await late.page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
    await waitForMediaFlow(host.page, 1);
  });

  test('waiting room: a knock is admitted and media flows; another is denied', async () => {
    const { host, link } = await hostMeeting();
    await host.page.getByTestId('waiting-room-toggle').click();
    await waitForPressed(host.page, 'waiting-room-toggle', true);
    const kim = await knock(link, 'Kim');
    await lobbyStatus(kim.page, 'Asking to join…');
    const entry = host.page
      .getByTestId('knock-list')
      .getByTestId('knock')
      .filter({ hasText: 'Kim' });
    await entry.waitFor({ timeout: 15_000 });
    await host.page.getByTestId('toast').filter({ hasText: 'Kim asks to join' }).waitFor();
    const admittedAt = Date.now();
    await entry.getByTestId('admit').click();
    await kim.page.getByTestId(TID.selfView).waitFor({ state: 'attached', timeout: 30_000 });
    const [hostFlow, kimFlow] = await Promise.all([
      waitForMediaFlow(host.page, 1),
      waitForMediaFlow(kim.page, 1),
    ]);
    const admitToMedia = Date.now() - admittedAt;
    console.log(
      `[host.test] admit -> media both ways: ${admitToMedia} ms (host ${hostFlow.elapsedMs} ms, Kim ${kimFlow.elapsedMs} ms after seated)`,
    );

    const lou = await knock(link, 'Lou');
    const louEntry = host.page.getByTestId('knock').filter({ hasText: 'Lou' });
    await louEntry.waitFor({ timeout: 15_000 });
    await louEntry.getByTestId('deny').click();
    await lobbyStatus(lou.page, 'You were not let in.');
    await host.page.getByTestId('knock-list').waitFor({ state: 'detached' });
    expect(await lou.page.getByTestId(TID.selfView).count()).toBe(0);
  });

  test('remove, a mute request, then the end of the meeting for everyone', async () => {
    const { host, link } = await hostMeeting();
    const gus = await guest(link, 'Gus');
    const wes = await guest(link, 'Wes');
    const ids = await waitForIds(host.page, ['Gus', 'Wes']);
    await Promise.all([
      waitForMediaFlow(host.page, 2),
      waitForMediaFlow(gus.page, 2),
      waitForMediaFlow(wes.page, 2),
    ]);

    // Mute request: Wes's client obeys; everyone sees his mic off.
    await waitForTileAttribute(host.page, ids.Wes, 'data-mic', 'on');
    await personAction(host.page, 'Wes', 'ask-mute');
    await waitForPressed(wes.page, TID.toggleMic, false);
    await waitForTileAttribute(host.page, ids.Wes, 'data-mic', 'off');
    await waitForTileAttribute(gus.page, ids.Wes, 'data-mic', 'off');

    // Remove Gus from an open room: the UI says he could rejoin, we remove anyway.
    await personAction(host.page, 'Gus', 'remove-participant');
    await host.page.getByTestId('remove-confirm').filter({ hasText: 'could rejoin' }).waitFor();
    await host.page.getByTestId('confirm-remove').click();
    await gus.page
      .getByRole('heading', { name: 'You were removed from the meeting' })
      .waitFor({ timeout: 15_000 });
    for (const page of [host.page, wes.page]) {
      await waitForTileGone(page, ids.Gus);
      await waitFor(async () => (await peerConnectionStats(page)).length === 1, {
        timeout: 15_000,
        message: `one peer connection left on ${page.url()}`,
      });
    }
    expect(Object.keys(await idsByName(host.page, ['Wes']))).toEqual(['Wes']);

    // End for all.
    await host.page.getByTestId('end-meeting').click();
    await wes.page
      .getByRole('heading', { name: 'The host ended the meeting' })
      .waitFor({ timeout: 15_000 });
    expect(await wes.page.getByTestId(TID.selfView).count()).toBe(0);
  });
});
