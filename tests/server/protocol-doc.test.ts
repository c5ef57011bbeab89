// docs/protocol.md is a contract: its generated reference must match the
// schemas, and its example transcripts must be what the real server does.
// The examples are replayed with clients/bot.ts, a client that knows only the
// protocol, against the real socket.io server on port 0.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { ParleyBot } from '@/clients/bot';
import { DOC_PATH, renderDoc } from '@/scripts/protocol-doc';
import { newRoomId, startServer, STUN_URL, type TestServer } from './helpers';

const doc = readFileSync(DOC_PATH, 'utf8');

let server: TestServer | null = null;
const bots: ParleyBot[] = [];

afterEach(async () => {
  for (const bot of bots.splice(0)) bot.close();
  expect(server?.log.errors ?? []).toEqual([]);
  await server?.close();
  server = null;
});

/** A server with the documented defaults where the examples depend on them (the 3 s grace). */
async function start(turn = false): Promise<TestServer> {
  server = await startServer({
    config: {
      presenceGraceMs: 3000,
      ...(turn
        ? {
            stunUrls: [STUN_URL],
            turn: { urls: ['turn:turn.example.org:3478'], secret: 'doc-secret', ttlSeconds: 600 },
          }
        : {}),
    },
  });
  return server;
}

async function bot(url: string): Promise<ParleyBot> {
  const b = await ParleyBot.connect(url, { timeoutMs: 3000 });
  bots.push(b);
  return b;
}

describe('docs/protocol.md', () => {
  test('its generated reference is what `npm run protocol-doc` makes from the schemas now', async () => {
    const fresh = await renderDoc(doc);
    if (fresh !== doc) {
      // Name the first differing line, so the failure says what drifted.
      const a = doc.split('\n');
      const b = fresh.split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      expect.fail(
        `docs/protocol.md is out of date with lib/protocol.ts: run \`npm run protocol-doc\`.\n` +
          `line ${at + 1}:\n  doc:       ${a[at]}\n  generated: ${b[at]}`,
      );
    }
  }, 30_000);

  test('the generated section lists every client and server event', () => {
    for (const event of ['room-enter', 'sdp-offer', 'sdp-answer', 'ice', 'media-state', 'chat']) {
      expect(doc).toContain(`#### \`${event}\``);
    }
    expect(doc).toContain('`parley-control`');
    expect(doc).toContain('`parley-files`');
  });
});

// ------------------------------------------------------------ example transcripts

interface Example {
  title: string;
  turn: boolean;
  steps: string[];
}

/** The ```protocol-example blocks, each with the heading above it; continuation lines joined. */
function examples(markdown: string): Example[] {
  const out: Example[] = [];
  const block = /^### (.+)$|^```protocol-example( turn)?\n([\s\S]*?)^```$/gm;
  let title = '';
  for (const match of markdown.matchAll(block)) {
    if (match[1]) {
      title = match[1];
      continue;
    }
    const steps: string[] = [];
    for (const line of match[3].split('\n')) {
      if (/^\s+\S/.test(line) && steps.length) steps[steps.length - 1] += ` ${line.trim()}`;
      else if (line.trim()) steps.push(line.trim());
    }
    out.push({ title, turn: Boolean(match[2]), steps });
  }
  return out;
}

const TYPE_MATCHERS: Record<string, (v: unknown) => boolean> = {
  $string: (v) => typeof v === 'string',
  $number: (v) => typeof v === 'number',
  $array: (v) => Array.isArray(v),
};

/**
 * Compares a received value with an expected one from the doc. "$x" strings
 * bind x on first sight and must be equal after; objects must have exactly
 * the expected keys. Returns a reason on mismatch, null on match.
 */
function match(
  expected: unknown,
  actual: unknown,
  vars: Map<string, unknown>,
  path = '',
): string | null {
  if (typeof expected === 'string' && expected.startsWith('$')) {
    const typeCheck = TYPE_MATCHERS[expected];
    if (typeCheck) return typeCheck(actual) ? null : `${path}: not ${expected.slice(1)}`;
    if (!vars.has(expected)) {
      vars.set(expected, actual);
      return null;
    }
    return JSON.stringify(vars.get(expected)) === JSON.stringify(actual)
      ? null
      : `${path}: ${JSON.stringify(actual)} is not ${expected} (${JSON.stringify(vars.get(expected))})`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${path}: ${JSON.stringify(actual)} is not an array of ${expected.length}`;
    for (let i = 0; i < expected.length; i += 1) {
      const why = match(expected[i], actual[i], vars, `${path}[${i}]`);
      if (why) return why;
    }
    return null;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual))
      return `${path}: ${JSON.stringify(actual)} is not an object`;
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])].sort();
    for (const key of keys) {
      if (!(key in e)) return `${path}.${key}: not in the doc`;
      if (!(key in a)) return `${path}.${key}: missing`;
      const why = match(e[key], a[key], vars, `${path}.${key}`);
      if (why) return why;
    }
    return null;
  }
  return Object.is(expected, actual)
    ? null
    : `${path}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`;
}

/** Replaces bound "$x" strings in a payload the doc sends. */
function substitute(value: unknown, vars: Map<string, unknown>): unknown {
  if (typeof value === 'string' && value.startsWith('$')) {
    if (!vars.has(value)) throw new Error(`${value} is used before it is known`);
    return vars.get(value);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  }
  return value;
}

const STEP = /^(\w+) (->|<-) ([\w-]+)(?: (\{.*?\}))?( \(no ack\))?$|^(\w+) closes$/;

async function replay(example: Example): Promise<void> {
  const srv = await start(example.turn);
  const vars = new Map<string, unknown>([['$room', newRoomId()]]);
  const clients = new Map<string, { bot: ParleyBot; cursor: Map<string, number> }>();
  const acks = new Map<string, unknown>();
  const client = async (name: string) => {
    let c = clients.get(name);
    if (!c) {
      c = { bot: await bot(srv.url), cursor: new Map() };
      clients.set(name, c);
    }
    return c;
  };
  for (const step of example.steps) {
    const m = STEP.exec(step);
    if (!m) throw new Error(`cannot read step: ${step}`);
    if (m[6]) {
      const c = await client(m[6]);
      c.bot.close();
      continue;
    }
    const [, name, arrow, event, json, noAck] = m;
    const c = await client(name);
    const payload = json === undefined ? undefined : JSON.parse(json);
    const where = `${example.title}: ${step.slice(0, 100)}`;
    if (arrow === '->') {
      const sent = payload === undefined ? undefined : substitute(payload, vars);
      if (noAck) c.bot.emit(event, sent);
      else acks.set(name, await c.bot.request(event, sent));
    } else if (event === 'ack') {
      expect(acks.has(name), `${where}: no ack to check`).toBe(true);
      expect(match(payload, acks.get(name), vars), where).toBeNull();
      acks.delete(name);
    } else {
      const at = await c.bot.nextEvent(event, c.cursor.get(event) ?? 0);
      c.cursor.set(event, at + 1);
      expect(match(payload, c.bot.received[at].payload, vars), where).toBeNull();
    }
  }
}

describe('docs/protocol.md examples, replayed against the real server', () => {
  const all = examples(doc);

  test('the doc has examples', () => {
    expect(all.length).toBeGreaterThanOrEqual(4);
  });

  test.each(all.map((e) => [e.title, e] as const))('%s', async (_title, example) => {
    await replay(example);
  });
});

// ------------------------------------------------------------ the bot itself

describe('clients/bot.ts', () => {
  test('enters, lists people, chats both ways, sees media state, and leaves', async () => {
    const srv = await start();
    const roomId = newRoomId();
    const alice = await bot(srv.url);
    const bob = await bot(srv.url);
    const aliceIn = await alice.enter(roomId, 'Alice', { camera: true, mic: true, screen: false });
    const bobIn = await bob.enter(roomId, 'Bob');
    expect(bob.list()).toEqual([
      {
        id: aliceIn.selfId,
        displayName: 'Alice',
        media: { camera: true, mic: true, screen: false },
        joinedAt: expect.any(Number),
      },
    ]);
    await alice.waitForPeople((people) => people.some((p) => p.id === bobIn.selfId));
    expect(alice.list().map((p) => p.displayName)).toEqual(['Bob']);

    const sent = await alice.say('hello from Alice');
    expect(sent).toMatchObject({ from: aliceIn.selfId, displayName: 'Alice' });
    expect(await bob.waitForChat((m) => m.text === 'hello from Alice')).toEqual(sent);
    await bob.say('hi Alice');
    expect(await alice.waitForChat((m) => m.text === 'hi Alice')).toMatchObject({
      from: bobIn.selfId,
      displayName: 'Bob',
    });

    await alice.setMedia({ camera: false, mic: true, screen: false });
    await bob.waitForPeople((people) => people[0]?.media.camera === false);

    await bob.leave();
    await alice.waitForPeople((people) => people.length === 0);
    await expect(bob.say('still here?')).rejects.toMatchObject({ code: 'not-in-room' });
  });

  test('a refusal is a BotError with the protocol code', async () => {
    const srv = await start();
    const b = await bot(srv.url);
    await expect(b.enter('nope', 'X')).rejects.toMatchObject({ code: 'bad-request' });
  });
});
