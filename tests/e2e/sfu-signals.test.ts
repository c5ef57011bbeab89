// What a tile tells about its person keeps working once the room is on Janus:
// the speaking ring (from the subscriber's per-person audio receivers), the
// connection-quality mark (from the subscriber's per-person stats, with one
// person on a lossy network), and a person whose browser may only use TURN
// relay candidates reaches Janus through coturn. MESH_MAX=2: the third person
// moves the room to Janus. Janus, coturn, the app and Chromium all run inside
// one network namespace (Janus never gathers ICE candidates on loopback).
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JanusServer } from '../support/janus';
import { createNetNamespace, type NetNamespace } from '../support/netns';
import { TID } from './support/app';
import { newParticipant } from './support/browser';
import { createMeeting, enterFromLobby, waitForIds, type Person } from './support/call';
import type { InstrumentedWindow } from './support/instrument';
import { waitForCameras } from './support/sfuFlow';
import {
  janusEnv,
  launchBrowserIn,
  startServerIn,
  type NamespacedServer,
} from './support/sfuServer';
import { smallCapture } from './support/smallCapture';
import {
  waitForPressed,
  waitForTileAttribute,
  waitForTileFlow,
  waitForTileStill,
} from './support/tiles';
import { startTurn, type TurnServer } from './support/turn';
import { writeVoiceWav } from './support/voice';
import { waitFor } from './support/wait';

const TURN_SECRET = 'parley-sfu-turn-secret';
/** Bob's network, once it turns bad: this share of his packets lost, both ways (CDP WebRTC emulation). */
const BOB_LOSS_PERCENT = 15;

let ns: NetNamespace;
let janus: JanusServer;
let turn: TurnServer;
let server: NamespacedServer;
let browser: Browser;
let lossyLink: CDPSession | undefined;
const people: Record<string, Person> = {};
const ids: Record<string, string> = {};
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  const voice = writeVoiceWav();
  ns = await createNetNamespace();
  [janus, turn] = await Promise.all([
    JanusServer.start({ netns: ns }),
    startTurn(TURN_SECRET, { netns: ns }),
  ]);
  server = await startServerIn(ns, {
    ...janusEnv(janus),
    MESH_MAX: '2',
    TURN_URLS: turn.url,
    TURN_SECRET,
    PRESENCE_GRACE_MS: '20000',
  });
  browser = await launchBrowserIn(ns, [`--use-file-for-fake-audio-capture=${voice}`]);
});

/** Warnings and errors the pages logged: printed with the server's log when a test fails. */
const consoleLines: string[] = [];
let failed = false;
afterEach(({ task }) => {
  if (task.result?.state === 'fail') failed = true;
});

afterAll(async () => {
  console.log('[sfu-signals figures]', JSON.stringify(figures));
  if (failed) {
    console.log(`[sfu-signals pages]\n${consoleLines.slice(-200).join('\n')}`);
    console.log(`[sfu-signals server]\n${server?.output().slice(-20_000)}`);
  }
  await lossyLink?.detach().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  await turn?.stop();
  await janus?.stop();
  await ns?.delete();
});

async function person(name: string, before?: (p: Person) => Promise<void>): Promise<Person> {
  const p = { ...(await newParticipant(browser, { viewport: { width: 960, height: 600 } })), name };
  await p.context.addInitScript(smallCapture);
  p.page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error')
      consoleLines.push(`${Date.now() % 1_000_000} ${name}: ${m.text()}`);
  });
  await before?.(p);
  people[name] = p;
  return p;
}

/** Each remote tile of a page, and what its speaking ring is fed from. */
interface RingInput {
  id: string;
  speaking: string | null;
  mic: string | null;
  /** Loudest RTP audio level (0..1) of the receiver of the tile's audio track, right now. */
  rtpLevel: number | null;
  /** Index in __parleyPCs of the connection receiving the tile's audio / video track. */
  audioPc: number | null;
  videoPc: number | null;
  /** Whether that audio connection is an SFU subscriber: receive-only, no data channel. */
  audioPcReceiveOnly: boolean;
}

function ringInputs(page: Page): Promise<RingInput[]> {
  return page.evaluate(() => {
    const pcs = (window as unknown as InstrumentedWindow).__parleyPCs;
    const carrying = (trackId: string | undefined) =>
      trackId === undefined
        ? -1
        : pcs.findIndex(
            (pc) =>
              pc.signalingState !== 'closed' &&
              pc.getReceivers().some((r) => r.track.id === trackId),
          );
    const tiles = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="remote-tile"]'));
    return tiles.map((tile) => {
      const video = tile.querySelector('video');
      const stream = video?.srcObject instanceof MediaStream ? video.srcObject : null;
      const audioTrack = stream?.getAudioTracks()[0];
      const audioPc = carrying(audioTrack?.id);
      const videoPc = carrying(stream?.getVideoTracks()[0]?.id);
      const pc = audioPc >= 0 ? pcs[audioPc]! : null;
      const receiver = pc?.getReceivers().find((r) => r.track.id === audioTrack?.id);
      const sources = receiver?.getSynchronizationSources() ?? [];
      return {
        id: tile.getAttribute('data-participant-id') ?? '',
        speaking: tile.getAttribute('data-speaking'),
        mic: tile.getAttribute('data-mic'),
        rtpLevel: receiver ? Math.max(0, ...sources.map((s) => s.audioLevel ?? 0)) : null,
        audioPc: audioPc >= 0 ? audioPc : null,
        videoPc: videoPc >= 0 ? videoPc : null,
        audioPcReceiveOnly:
          pc !== null &&
          pc.sctp === null &&
          pc.getTransceivers().every((t) => t.currentDirection !== 'sendrecv') &&
          pc.getTransceivers().some((t) => t.currentDirection === 'recvonly'),
      };
    });
  });
}

/** For a failure message: each audio receiver of each connection, its mid, level and header extensions. */
function subscriberAudio(page: Page): Promise<string> {
  return page.evaluate(() => {
    const pcs = (window as unknown as InstrumentedWindow).__parleyPCs;
    return JSON.stringify(
      pcs.flatMap((pc, i) => {
        if (pc.signalingState === 'closed') return [];
        const sections = (pc.remoteDescription?.sdp ?? '').split(/\r\nm=/);
        return pc
          .getTransceivers()
          .filter((t) => t.receiver.track.kind === 'audio')
          .map((t) => ({
            pc: i,
            mid: t.mid,
            dir: t.currentDirection,
            track: t.receiver.track.id,
            sources: t.receiver
              .getSynchronizationSources()
              .map((s) => `${s.source}:${s.audioLevel ?? '-'}`),
            extmap: (sections.find((m) => m.includes(`a=mid:${t.mid}\r\n`)) ?? '')
              .split('\r\n')
              .filter((l) => l.startsWith('a=extmap') && l.includes('audio-level')),
          }));
      }),
    );
  });
}

/** Every ring input of `page` every 250 ms for `ms` (a window of real time, not a wait). */
async function watchRings(page: Page, ms: number): Promise<RingInput[][]> {
  const seen: RingInput[][] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    seen.push(await ringInputs(page));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return seen;
}

const quality = (page: Page, id: string) =>
  page
    .locator(`[data-testid="remote-tile"][data-participant-id="${id}"] [data-testid="quality"]`)
    .getAttribute('data-quality', { timeout: 2000 });

/** Loss and packets of each person's inbound streams on this page's connections, since the start. */
function lossByPerson(page: Page): Promise<Record<string, { lost: number; received: number }>> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as InstrumentedWindow).__parleyPCs;
    const byTrack = new Map<string, { lost: number; received: number }>();
    for (const pc of pcs) {
      if (pc.connectionState !== 'connected') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp' && typeof s.trackIdentifier === 'string')
          byTrack.set(s.trackIdentifier, {
            lost: Number(s.packetsLost ?? 0),
            received: Number(s.packetsReceived ?? 0),
          });
      });
    }
    const out: Record<string, { lost: number; received: number }> = {};
    for (const tile of document.querySelectorAll<HTMLElement>('[data-testid="remote-tile"]')) {
      const stream = tile.querySelector('video')?.srcObject;
      if (!(stream instanceof MediaStream)) continue;
      const sum = { lost: 0, received: 0 };
      for (const track of stream.getTracks()) {
        const stat = byTrack.get(track.id);
        sum.lost += stat?.lost ?? 0;
        sum.received += stat?.received ?? 0;
      }
      out[tile.getAttribute('data-participant-id') ?? ''] = sum;
    }
    return out;
  });
}

/** Selected candidate pair and ICE servers of each connected connection, by role. */
function connectionRoutes(page: Page) {
  return page.evaluate(async () => {
    const pcs = (window as unknown as InstrumentedWindow).__parleyPCs;
    const out: {
      role: 'publisher' | 'subscriber' | 'mesh';
      local: string;
      remote: string;
      relayProtocol: string | null;
      turnUsernames: string[];
      policy: string | undefined;
    }[] = [];
    for (const pc of pcs) {
      if (pc.connectionState !== 'connected') continue;
      const directions = pc.getTransceivers().map((t) => t.currentDirection);
      const role =
        pc.sctp !== null
          ? 'mesh'
          : directions.includes('sendonly')
            ? 'publisher'
            : directions.includes('recvonly')
              ? 'subscriber'
              : 'mesh';
      const byId = new Map<string, Record<string, unknown>>();
      (await pc.getStats()).forEach((s: Record<string, unknown>) => byId.set(String(s.id), s));
      const config = pc.getConfiguration();
      const turnUsernames = (config.iceServers ?? [])
        .filter((s) => [s.urls].flat().some((u) => u.startsWith('turn')))
        .map((s) => String(s.username));
      for (const s of byId.values()) {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) continue;
        const pair = byId.get(String(s.selectedCandidatePairId));
        const local = byId.get(String(pair?.localCandidateId));
        const remote = byId.get(String(pair?.remoteCandidateId));
        out.push({
          role,
          local: String(local?.candidateType),
          remote: String(remote?.candidateType),
          relayProtocol: typeof local?.relayProtocol === 'string' ? local.relayProtocol : null,
          turnUsernames,
          policy: config.iceTransportPolicy,
        });
      }
    }
    return out;
  });
}

type Expectation = [string, Page, string, (q: string | null) => boolean];
/** Several 2 s stats rounds: a mark must hold this long, not be one lucky reading. */
const HOLD_MS = 6000;

/** Waits until every expectation holds, then checks they all hold for HOLD_MS; the marks seen. */
async function holdMarks(expectations: Expectation[]): Promise<Record<string, string>> {
  await Promise.all(
    expectations.map(([message, page, id, ok]) =>
      waitFor(async () => ok(await quality(page, id)), { timeout: 30_000, message }),
    ),
  );
  const marks: Record<string, Set<string | null>> = {};
  const end = Date.now() + HOLD_MS;
  while (Date.now() < end) {
    for (const [message, page, id] of expectations) {
      (marks[message] ??= new Set()).add(await quality(page, id));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (const [message, , , ok] of expectations) {
    for (const mark of marks[message]!) expect(ok(mark), `${message}: ${mark}`).toBe(true);
  }
  return Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, [...v].join('/')]));
}

/** Bob's network, both ways, through CDP's WebRTC emulation (latency keeps it active). */
async function setBobsLoss(percent: number): Promise<void> {
  await lossyLink!.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: -1,
    packetLoss: percent,
  });
}

const others = (me: string) =>
  Object.keys(people)
    .filter((n) => n !== me)
    .map((n) => ids[n]!);

describe('an SFU room keeps per-person signals', () => {
  it('three people, Bob on an emulated network, Cat relay-only: the room moves to Janus', async () => {
    const ann = await person('Ann');
    const link = await createMeeting(ann.page, server.url);
    await enterFromLobby(ann.page, 'Ann');
    // Emulation set before Bob's connections exist, so WebRTC feels it (TESTING.md);
    // no loss yet: the quality test turns it on and off.
    await person('Bob', async (bob) => {
      lossyLink = await bob.context.newCDPSession(bob.page);
      await lossyLink.send('Network.enable');
      await setBobsLoss(0);
      await bob.page.goto(link);
      await enterFromLobby(bob.page, 'Bob');
    });
    const started = Date.now();
    await person('Cat', async (cat) => {
      await cat.page.goto(`${link}?relay=only`);
      await enterFromLobby(cat.page, 'Cat');
    });
    Object.assign(ids, await waitForIds(people.Ann!.page, ['Bob', 'Cat']));
    Object.assign(ids, await waitForIds(people.Bob!.page, ['Ann']));
    // Every page decodes both other cameras, all on one connection: the SFU subscriber.
    await Promise.all(
      Object.values(people).map((p) =>
        waitForCameras(p.page, others(p.name), { timeout: 60_000, label: p.name }),
      ),
    );
    figures.allDecodingThroughJanusMs = Date.now() - started;
  });

  it("the speaking ring follows each person's sound, and stays off while they are muted", async () => {
    const names = Object.keys(people);
    // Everyone speaks (the same speech-like fake microphone): every ring lights on every page.
    const started = Date.now();
    const lit = await Promise.all(
      names.map((viewer) =>
        waitFor(
          async () => {
            const rings = await ringInputs(people[viewer]!.page);
            const on = rings.filter((r) => r.speaking === 'true');
            if (on.length !== names.length - 1)
              throw new Error(
                `rings ${JSON.stringify(rings)}; audio receivers ${await subscriberAudio(people[viewer]!.page)}`,
              );
            return rings;
          },
          { timeout: 20_000, interval: 150, message: `${viewer} sees every other ring lit` },
        ),
      ),
    );
    figures.allRingsLitWithinMs = Date.now() - started;
    // Fed per person from the SFU subscriber: each tile's audio arrives on the
    // connection that carries its video, a receive-only one with no data channel.
    for (const [i, viewer] of names.entries()) {
      for (const ring of lit[i]!) {
        expect(ring.audioPc, `${viewer}'s audio of ${ring.id}`).not.toBeNull();
        expect(ring.audioPc, `${viewer}'s audio of ${ring.id}`).toBe(ring.videoPc);
        expect(ring.audioPcReceiveOnly, `${viewer}'s audio of ${ring.id} on a subscriber`).toBe(
          true,
        );
      }
      expect(new Set(lit[i]!.map((r) => r.audioPc)).size, `${viewer}: one subscriber`).toBe(1);
    }

    // Cat mutes: her ring goes off on Ann's and Bob's pages and stays off; Ann's and Bob's do not.
    const cat = people.Cat!;
    const muted = Date.now();
    await cat.page.getByTestId(TID.toggleMic).click();
    await waitForPressed(cat.page, TID.toggleMic, false);
    const listeners = ['Ann', 'Bob'];
    await Promise.all(
      listeners.map(async (name) => {
        const page = people[name]!.page;
        await waitForTileAttribute(page, ids.Cat!, 'data-mic', 'off');
        await waitFor(
          async () => (await ringInputs(page)).find((r) => r.id === ids.Cat)?.speaking === 'false',
          { timeout: 10_000, message: `${name} sees Cat's ring go off after the mute` },
        );
        // What arrives from Cat is silence.
        await waitForTileStill(page, ids.Cat!, 'audio');
      }),
    );
    figures.catRingOffAfterMuteMs = Date.now() - muted;
    // Several bursts' worth of time on both pages at once.
    const windows = await Promise.all(listeners.map((n) => watchRings(people[n]!.page, 4000)));
    for (const [i, name] of listeners.entries()) {
      const cats = windows[i]!.map((rings) => rings.find((r) => r.id === ids.Cat));
      expect(new Set(cats.map((r) => r?.speaking)), `${name}: Cat's ring while muted`).toEqual(
        new Set(['false']),
      );
      const other = name === 'Ann' ? ids.Bob : ids.Ann;
      const theirs = windows[i]!.map((rings) => rings.find((r) => r.id === other)?.speaking);
      expect(theirs, `${name}: the other speaker's ring while Cat is muted`).toContain('true');
      figures[`${name}SeesWhileCatMuted`] = {
        catMaxRtpLevel: Math.max(...cats.map((r) => r?.rtpLevel ?? 0)),
        otherMaxRtpLevel: Math.max(
          ...windows[i]!.map((rings) => rings.find((r) => r.id === other)?.rtpLevel ?? 0),
        ),
        otherRingOnShare: Number(
          (theirs.filter((s) => s === 'true').length / theirs.length).toFixed(2),
        ),
      };
    }

    // Cat speaks again: her ring comes back everywhere.
    const unmuted = Date.now();
    await cat.page.getByTestId(TID.toggleMic).click();
    await waitForPressed(cat.page, TID.toggleMic, true);
    await Promise.all(
      listeners.map((name) =>
        waitFor(
          async () =>
            (await ringInputs(people[name]!.page)).find((r) => r.id === ids.Cat)?.speaking ===
            'true',
          { timeout: 20_000, message: `${name} sees Cat's ring light again` },
        ),
      ),
    );
    figures.catRingBackAfterUnmuteMs = Date.now() - unmuted;
  });

  it("the quality mark: Bob's network turns lossy, the others' mark for him changes, the rest stay good", async () => {
    const ann = people.Ann!.page;
    const cat = people.Cat!.page;
    const good = (q: string | null) => q === 'good';
    const notGood = (q: string | null) => q === 'poor' || q === 'fair';
    const bobLost = (bad: boolean): Expectation[] => [
      [`Ann sees Bob as ${bad ? 'not ' : ''}good`, ann, ids.Bob!, bad ? notGood : good],
      [`Cat sees Bob as ${bad ? 'not ' : ''}good`, cat, ids.Bob!, bad ? notGood : good],
      ['Ann sees Cat as good', ann, ids.Cat!, good],
      ['Cat sees Ann as good', cat, ids.Ann!, good],
    ];
    // Before: every mark good, computed from real stats (never "measuring").
    figures.marksBefore = await holdMarks(bobLost(false));

    const lossy = Date.now();
    await setBobsLoss(BOB_LOSS_PERCENT);
    figures.marksLossy = await holdMarks(bobLost(true));
    figures.bobMarkChangedAfterMs = Date.now() - lossy - HOLD_MS;
    const bobView = people.Bob!.page;
    figures.bobsOwnMarks = {
      Ann: await quality(bobView, ids.Ann!),
      Cat: await quality(bobView, ids.Cat!),
    };
    // The figures behind the marks: packets lost per person, as each page's getStats says.
    const [annLoss, catLoss] = await Promise.all([lossByPerson(ann), lossByPerson(cat)]);
    const share = (x?: { lost: number; received: number }) =>
      x ? Number((x.lost / Math.max(1, x.lost + x.received)).toFixed(3)) : null;
    figures.lossSeenSinceJoin = {
      annOfBob: share(annLoss[ids.Bob!]),
      annOfCat: share(annLoss[ids.Cat!]),
      catOfBob: share(catLoss[ids.Bob!]),
      catOfAnn: share(catLoss[ids.Ann!]),
    };
    expect(annLoss[ids.Bob!]!.lost).toBeGreaterThan(0);

    // Bob's network recovers: his mark follows.
    const recovered = Date.now();
    await setBobsLoss(0);
    figures.marksRecovered = await holdMarks(bobLost(false));
    figures.bobMarkBackAfterMs = Date.now() - recovered - HOLD_MS;
  });

  it('Cat, relay-only, reaches Janus through coturn: media both ways, relay candidate pairs', async () => {
    const cat = people.Cat!;
    // Media both ways, proven on the tiles people look at.
    const flows = await Promise.all([
      waitForTileFlow(cat.page, ids.Ann!, { audio: true }),
      waitForTileFlow(cat.page, ids.Bob!, { audio: true }),
      waitForTileFlow(people.Ann!.page, ids.Cat!, { audio: true }),
      waitForTileFlow(people.Bob!.page, ids.Cat!, { audio: true, timeout: 45_000 }),
    ]);
    figures.catFlows = flows.map((f) => ({
      width: f.tile.videoWidth,
      fps: Number(f.fps.toFixed(1)),
      videoBytes: f.tile.video?.bytesReceived,
    }));
    const routes = await connectionRoutes(cat.page);
    figures.catRoutes = routes.map((r) => `${r.role}:${r.local}/${r.remote}`);
    const sfu = routes.filter((r) => r.role !== 'mesh');
    expect(sfu.map((r) => r.role).sort()).toEqual(['publisher', 'subscriber']);
    for (const route of routes) {
      expect(route.local, `${route.role} local candidate`).toBe('relay');
      expect(route.policy).toBe('relay');
      // The server's time-limited credentials: "<expiry>:<participant id>".
      expect(route.turnUsernames).toEqual([`${route.turnUsernames[0]!.split(':')[0]}:${ids.Cat}`]);
      expect(Number(route.turnUsernames[0]!.split(':')[0]) * 1000).toBeGreaterThan(Date.now());
    }
    // Ann is not relay-only: her Janus connections stay direct.
    const annRoutes = await connectionRoutes(people.Ann!.page);
    figures.annRoutes = annRoutes.map((r) => `${r.role}:${r.local}/${r.remote}`);
    for (const route of annRoutes.filter((r) => r.role !== 'mesh'))
      expect(route.local, `Ann's ${route.role}`).toBe('host');
  });
});
