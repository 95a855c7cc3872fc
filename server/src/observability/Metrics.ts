import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the metrics read when scraped (the live state is asked, never copied on every change). */
export type MetricSources = {
  rooms: () => { rooms: number; participants: number };
  workers: () => Promise<Array<{ pid: number; slot: number; cpuSeconds: number; routers: number; consumers: number }>>;
  /** E-mails in the outbox not sent yet. */
  outboxBacklog: () => Promise<number>;
};

/**
 * This node's Prometheus metrics (prom-client), on a registry of its own (several platforms in
 * one test process do not share counters). Every node of a cluster serves its own `/metrics`;
 * Prometheus sums them. Names start with `ca_`; Node's process metrics come along.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly signalingRequests: Counter<'event' | 'outcome'>;
  readonly signalingErrors: Counter<'event' | 'code'>;
  readonly joinLatency: Histogram;
  readonly joinMedia: Histogram;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly bookings: Counter<'result'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'ca_' });
    new Gauge({
      name: 'ca_rooms',
      help: 'Meeting rooms open on this node',
      registers,
      collect() {
        this.set(sources.rooms().rooms);
      },
    });
    new Gauge({
      name: 'ca_participants',
      help: 'Participants in this node’s rooms',
      registers,
      collect() {
        this.set(sources.rooms().participants);
      },
    });
    // prom-client collects every metric of a scrape at once: the worker gauges share one read of the pool.
    let reading: ReturnType<MetricSources['workers']> | undefined;
    const workers = () => (reading ??= sources.workers().finally(() => (reading = undefined)));
    new Gauge({
      name: 'ca_media_workers',
      help: 'Running mediasoup workers',
      registers,
      async collect() {
        this.set((await workers()).length);
      },
    });
    const perWorker = (name: string, help: string, pick: (w: Awaited<ReturnType<MetricSources['workers']>>[number]) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['worker'],
        registers,
        async collect() {
          this.reset();
          // The slot, not the pid: a replaced worker continues its series.
          for (const w of await workers()) this.set({ worker: String(w.slot) }, pick(w));
        },
      });
    perWorker('ca_media_worker_cpu_seconds', 'CPU time a mediasoup worker has used (user + system), seconds; rate() it', (w) => w.cpuSeconds);
    perWorker('ca_media_worker_routers', 'Routers on a mediasoup worker', (w) => w.routers);
    perWorker('ca_media_worker_consumers', 'Open consumers (forwarded streams) on a mediasoup worker', (w) => w.consumers);
    new Gauge({
      name: 'ca_outbox_backlog',
      help: 'E-mails in the outbox not sent yet',
      registers,
      async collect() {
        this.set(await sources.outboxBacklog());
      },
    });
    this.signalingRequests = new Counter({
      name: 'ca_signaling_requests_total',
      help: 'Signaling requests by event and outcome (ok or error)',
      labelNames: ['event', 'outcome'],
      registers,
    });
    this.signalingErrors = new Counter({
      name: 'ca_signaling_errors_total',
      help: 'Refused or failed signaling requests by event and error code',
      labelNames: ['event', 'code'],
      registers,
    });
    this.joinLatency = new Histogram({
      name: 'ca_join_latency_seconds',
      help: 'From a join request to the first media forwarded to that participant (their first consumer resumed)',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
    this.joinMedia = new Histogram({
      name: 'ca_join_media_seconds',
      help: 'From a join request to the first RTP packet forwarded on each consumer the participant resumed while joining (mediasoup trace)',
      buckets: [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1, 1.5, 2, 3, 5, 10, 30, 60],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'ca_http_request_duration_seconds',
      help: 'HTTP API request duration by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.bookings = new Counter({
      name: 'ca_bookings_total',
      help: 'Booking attempts that created an appointment or found the slot taken (conflicted)',
      labelNames: ['result'],
      registers,
    });
  }
}
