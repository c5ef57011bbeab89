/**
 * The HTTP side of a node: /healthz (503 while Redis is unreachable or the
 * node drains), /metrics in Prometheus format, security headers on pages.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { metricsOf } from '@/server/app';
import { serveHttp, type HttpDeps } from '@/server/ops/http';
import {
  CANDIDATE,
  newRoomId,
  pair,
  rawRequest,
  relayOffer,
  request,
  startServer,
  type TestServer,
} from '../helpers';
import { RedisServer, startNode, waitUntil, type TestNode } from '../redis';

let server: TestServer | undefined;
let node: TestNode | undefined;
let redis: RedisServer;

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  await server?.close();
  await node?.close().catch(() => {});
  server = undefined;
  node = undefined;
});

function serve(target: TestServer | TestNode, extra: Partial<HttpDeps> = {}) {
  serveHttp(
    target.http,
    { metrics: metricsOf(target.io), nodeId: target.config.nodeId, dev: false, ...extra },
    (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<p>page</p>');
    },
  );
}

async function get(url: string): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text(), headers: res.headers };
}

describe('/healthz', () => {
  it('is ready without Redis, and unavailable while draining', async () => {
    server = await startServer({ config: { nodeId: 'solo' } });
    let draining = false;
    serve(server, { draining: () => draining });
    const ok = await get(`${server.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({
      status: 'ok',
      node: 'solo',
      redis: 'none',
      draining: false,
    });
    draining = true;
    expect((await get(`${server.url}/healthz`)).status).toBe(503);
  });

  it('is ready only while Redis is reachable', async () => {
    node = await startNode(redis.url, { nodeId: 'health' });
    const n = node;
    serve(n, { redisReady: () => n.redis.isReady() });
    expect((await get(`${n.url}/healthz`)).status).toBe(200);
    await redis.kill();
    await waitUntil(async () => (await get(`${n.url}/healthz`)).status === 503, 5000, '503');
    expect(JSON.parse((await get(`${n.url}/healthz`)).body)).toMatchObject({ redis: 'down' });
    await redis.spawn();
    await waitUntil(async () => (await get(`${n.url}/healthz`)).status === 200, 10_000, '200');
  });
});

describe('/metrics', () => {
  it('reports rooms, participants, relayed and refused messages per node', async () => {
    server = await startServer({ config: { nodeId: 'node-7' } });
    serve(server);
    const { a, b, aId, bId } = await pair(server, newRoomId());
    await relayOffer(a, aId, b, bId);
    await request(b, 'ice', { to: aId, candidate: CANDIDATE });
    await rawRequest(a, 'sdp-offer', { to: bId, description: { type: 'offer', sdp: 42 } });
    await rawRequest(a, 'room-enter', { roomId: 'nope' });
    const res = await get(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = res.body;
    expect(text).toContain('parley_rooms{node="node-7"} 1');
    expect(text).toContain('parley_participants{node="node-7"} 2');
    expect(text).toContain('parley_registry_participants{node="node-7"} 2');
    expect(text).toContain('parley_messages_relayed_total{event="sdp-offer",node="node-7"} 1');
    expect(text).toContain('parley_messages_relayed_total{event="ice",node="node-7"} 1');
    expect(text).toContain(
      'parley_messages_refused_total{event="sdp-offer",reason="bad-request",node="node-7"} 1',
    );
    expect(text).toContain(
      'parley_messages_refused_total{event="room-enter",reason="bad-request",node="node-7"} 1',
    );
    expect(text).toContain('parley_room_entries_total{node="node-7"} 2');
    expect(text).not.toContain('v=0');
  });
});

describe('security headers on pages', () => {
  it('sends a CSP that allows the own socket and media, no framing, no referrer', async () => {
    server = await startServer();
    serve(server);
    const res = await get(`${server.url}/abcd-efgh-jkmn`);
    expect(res.status).toBe(200);
    const host = new URL(server.url).host;
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    expect(csp).toContain("media-src 'self' blob: mediastream:");
    expect(csp).toContain("object-src 'none'");
    // No string eval; WebAssembly compilation only (the media effects' wasm).
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
  });
});
