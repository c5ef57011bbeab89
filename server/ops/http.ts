import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics';

export interface HttpDeps {
  /** The node's Prometheus metrics for /metrics; absent: 404. */
  metrics?: Metrics;
  nodeId: string;
  dev: boolean;
  /** Absent: no Redis configured. */
  redisReady?: () => boolean;
  /** True once SIGTERM started the drain: the load balancer should stop sending clients. */
  draining?: () => boolean;
}

/**
 * The pages' Content-Security-Policy. Next.js inlines its bootstrap scripts and
 * styles; media is camera / screen streams and received files (blob:); the
 * signaling socket goes to this same origin (ws: / wss: for browsers that do
 * not count WebSocket as 'self').
 */
export function contentSecurityPolicy(host: string | undefined, dev: boolean): string {
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval': the noise suppression and blur effects compile their
    // own (same-origin) WebAssembly; it allows no string eval.
    `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for every page and asset Next serves. */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse, dev: boolean) {
  const host = req.headers.host?.replace(/[^A-Za-z0-9.:[\]-]/g, '');
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(host, dev));
  // Room links are capabilities: never leak them to other sites.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader(
    'Permissions-Policy',
    'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=()',
  );
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * Answers /healthz and /metrics; returns false for anything else (Next's).
 * /healthz is 200 only when the node can serve: Redis (if configured)
 * reachable, not draining.
 */
export function handleOpsRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: HttpDeps,
): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/healthz') {
    const redis = deps.redisReady ? (deps.redisReady() ? 'up' : 'down') : 'none';
    const draining = deps.draining?.() ?? false;
    const ready = redis !== 'down' && !draining;
    const body = { status: ready ? 'ok' : 'unavailable', node: deps.nodeId, redis, draining };
    send(res, ready ? 200 : 503, 'application/json', JSON.stringify(body));
    return true;
  }
  if (path === '/metrics') {
    const metrics = deps.metrics;
    if (!metrics) {
      send(res, 404, 'text/plain', 'no metrics\n');
      return true;
    }
    metrics.text().then(
      (text) => send(res, 200, metrics.contentType, text),
      (err: unknown) => send(res, 500, 'text/plain', `metrics failed: ${String(err)}\n`),
    );
    return true;
  }
  return false;
}

/**
 * Routes the HTTP server's requests: socket.io's own, then /healthz and
 * /metrics, then the pages (`pages`, Next's handler) with security headers.
 */
export function serveHttp(
  httpServer: HttpServer,
  deps: HttpDeps,
  pages: (req: IncomingMessage, res: ServerResponse) => void,
): void {
  httpServer.on('request', (req, res) => {
    if (req.url?.startsWith('/socket.io/')) return; // socket.io answers these itself
    if (handleOpsRequest(req, res, deps)) return;
    setSecurityHeaders(req, res, deps.dev);
    pages(req, res);
  });
}
