// Socket event handlers: one file per event domain, bound through one typed, validated pipeline.
import { bindHandlers, type EventHandlers, type Middleware } from './bind';
import { chatHandlers } from './chat';
import { sfuHandlers } from './sfu';
import type { HandlerContext } from './context';
import { hostHandlers } from './host';
import { countMetrics, rateLimit } from './middleware';
import { onDisconnect } from './presence';
import { relayHandlers } from './relay';
import { roomHandlers } from './room';
import type { ParleySocket } from './socket';

export type { HandlerContext } from './context';
export type { ParleyServer, ParleySocket, SocketData } from './socket';
export { knockChannel, peerChannel, roomChannel } from './socket';
export { afterLeave, kickLocal } from './roomControl';

/** Metrics outermost (so they see every refusal), then the rate limits, then the handler. */
function middlewareFor(ctx: HandlerContext): Middleware[] {
  const chain: Middleware[] = [];
  if (ctx.metrics) chain.push(countMetrics(ctx.metrics));
  if (ctx.limiter) chain.push(rateLimit(ctx.limiter));
  return chain;
}

/** Everything one connected socket can ask of the server. */
export function registerHandlers(ctx: HandlerContext, socket: ParleySocket): void {
  const handlers: EventHandlers = {
    ...roomHandlers(ctx, socket),
    ...relayHandlers(ctx, socket),
    ...chatHandlers(ctx, socket),
    ...sfuHandlers(ctx, socket),
    ...hostHandlers(ctx, socket),
  };
  bindHandlers(socket, ctx.log, handlers, middlewareFor(ctx));
  socket.on('disconnect', () => onDisconnect(ctx, socket));
}
