import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export interface MetricSources {
  /** Rooms with a member on this node, and this node's participants. */
  local(): { rooms: number; participants: number };
  /** The whole registry (every node), or null when it cannot be read now. */
  registry(): Promise<{ rooms: number; members: number } | null>;
}

/** Prometheus metrics of one node; every series carries `node`. */
export class Metrics {
  readonly registry = new Registry();
  readonly relayed: Counter<'event'>;
  readonly refused: Counter<'event' | 'reason'>;
  readonly joins: Counter;
  readonly swept: Counter;
  readonly connectionsRefused: Counter<'reason'>;

  constructor(nodeId: string, sources: MetricSources, options: { process?: boolean } = {}) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ node: nodeId });
    if (options.process) collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
    this.relayed = new Counter({
      name: 'parley_messages_relayed_total',
      help: 'Signaling messages relayed to a peer or room, by event',
      labelNames: ['event'],
      registers,
    });
    this.refused = new Counter({
      name: 'parley_messages_refused_total',
      help: 'Client events refused, by event and reason (error code)',
      labelNames: ['event', 'reason'],
      registers,
    });
    this.joins = new Counter({
      name: 'parley_room_entries_total',
      help: 'Successful room entries on this node',
      registers,
    });
    this.swept = new Counter({
      name: 'parley_members_swept_total',
      help: 'Members of dead nodes removed by this node',
      registers,
    });
    this.connectionsRefused = new Counter({
      name: 'parley_connections_refused_total',
      help: 'socket.io connections refused, by reason',
      labelNames: ['reason'],
      registers,
    });
    new Gauge({
      name: 'parley_rooms',
      help: 'Rooms with at least one participant connected to this node',
      registers,
      collect() {
        this.set(sources.local().rooms);
      },
    });
    new Gauge({
      name: 'parley_participants',
      help: 'Participants connected to this node',
      registers,
      collect() {
        this.set(sources.local().participants);
      },
    });
    new Gauge({
      name: 'parley_registry_rooms',
      help: 'Rooms in the shared registry (all nodes)',
      registers,
      async collect() {
        const stats = await sources.registry().catch(() => null);
        if (stats) this.set(stats.rooms);
      },
    });
    new Gauge({
      name: 'parley_registry_participants',
      help: 'Participants in the shared registry (all nodes)',
      registers,
      async collect() {
        const stats = await sources.registry().catch(() => null);
        if (stats) this.set(stats.members);
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
