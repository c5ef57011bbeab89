// The app server crashes and comes back while a room is on Janus: Janus drops
// the crashed server's sessions (and with them every feed), the pages resume
// their seats on the new process, are told to publish again, and media comes
// back without a reload, in the same tiles. Janus, the app and Chromium run
// inside a network namespace (Janus never gathers ICE candidates on loopback).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JanusServer } from '../support/janus';
import { createNetNamespace, type NetNamespace } from '../support/netns';
import { TID } from './support/app';
import { newParticipant } from './support/browser';
import { createMeeting, enterFromLobby, waitForIds, type Person } from './support/call';
import { markTiles, samplePage, waitForCameras } from './support/sfuFlow';
import {
  janusEnv,
  launchBrowserIn,
  startServerIn,
  type NamespacedServer,
} from './support/sfuServer';
import { smallCapture } from './support/smallCapture';

let ns: NetNamespace;
let janus: JanusServer;
let server: NamespacedServer;
let browser: Browser;
const people: Person[] = [];
const ids: Record<string, string> = {};

async function join(link: string, name: string): Promise<Person> {
  const person = await newParticipant(browser, { viewport: { width: 960, height: 600 } });
  await person.context.addInitScript(smallCapture);
  await person.page.goto(link);
  await enterFromLobby(person.page, name);
  const p = { ...person, name };
  people.push(p);
  return p;
}

const othersOf = (me: Person) => people.filter((p) => p !== me).map((p) => ids[p.name]!);

function pageLoads(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByType('navigation').length);
}

beforeAll(async () => {
  ns = await createNetNamespace();
  janus = await JanusServer.start({ netns: ns });
  server = await startServerIn(ns, {
    ...janusEnv(janus),
    // Three people make an SFU room.
    MESH_MAX: '2',
    // Resume tokens are signed with it: the restarted process must know it too.
    SESSION_SECRET: 'sfu-restart-test-secret-0123456789',
    PRESENCE_GRACE_MS: '20000',
  });
  browser = await launchBrowserIn(ns);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await janus?.stop();
  await ns?.delete();
});

describe('an SFU room when the app server restarts', () => {
  it('media comes back through Janus without a reload, in the same tiles, with the same ids', async () => {
    const host = await newParticipant(browser, { viewport: { width: 960, height: 600 } });
    await host.context.addInitScript(smallCapture);
    const link = await createMeeting(host.page, server.url);
    await enterFromLobby(host.page, 'Ann');
    people.push({ ...host, name: 'Ann' });
    await join(link, 'Bob');
    await join(link, 'Cat');
    Object.assign(ids, await waitForIds(people[0]!.page, ['Bob', 'Cat']));
    Object.assign(ids, await waitForIds(people[1]!.page, ['Ann']));
    for (const p of people) await waitForCameras(p.page, othersOf(p), { label: p.name });
    for (const p of people) expect(await markTiles(p.page)).toBe(2);

    await server.kill();
    for (const p of people) {
      await p.page.getByText('Reconnecting…').waitFor({ timeout: 20_000 });
    }
    const restarted = Date.now();
    server = await startServerIn(ns, server.env, server.port);
    const backMs: Record<string, number> = {};
    await Promise.all(
      people.map(async (p) => {
        await waitForCameras(p.page, othersOf(p), { label: `${p.name} after the restart` });
        backMs[p.name] = Date.now() - restarted;
      }),
    );
    console.log(
      `[sfu-restart] media back through Janus after the app restart (ms): ${JSON.stringify(backMs)}`,
    );

    for (const p of people) {
      await p.page.getByText('Reconnecting…').waitFor({ state: 'detached', timeout: 30_000 });
      expect(await pageLoads(p.page), `${p.name} did not reload`).toBe(1);
      await expect(p.page.getByTestId(TID.participantCount).textContent()).resolves.toBe('3');
      // The same tile and <video> elements as before the crash.
      const sample = await samplePage(p.page);
      for (const tile of sample.tiles) {
        expect(tile.mark, `${p.name}: ${tile.id}'s tile`).toBe(tile.id);
        expect(tile.videoMark, `${p.name}: ${tile.id}'s video`).toBe(tile.id);
      }
    }
    // Still through Janus: one outbound camera per page, every camera on one connection.
    for (const p of people) {
      const flow = await waitForCameras(p.page, othersOf(p), { label: p.name });
      expect(flow.sendingVideo, `${p.name} sends its camera once`).toBe(1);
    }
    for (const p of people) expect(p.pageErrors, `${p.name}'s page errors`).toEqual([]);
  });
});
