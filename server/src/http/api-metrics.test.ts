import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Appointment, type Booth, type ExpoEvent, type SlotsResponse } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { ApiClient, apiError, expectStatus, registerGuest } from '../test-support/api.js';
import { connectClient, startTestPlatform, type TestClient } from '../test-support/platform.js';
import { parseExposition, sampleValue, type Exposition } from '../test-support/prometheus.js';
import { opusParameters } from '../test-support/rtp.js';

const DAY = 24 * 3600_000;

/** Scrapes `/metrics` and parses the Prometheus text format (every line must parse). */
async function scrape(url: string, headers: Record<string, string> = {}): Promise<Exposition> {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

const value = sampleValue;

describe('GET /metrics', () => {
  let platform: Platform;
  const sockets: TestClient[] = [];
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await platform.close();
  });

  it('counts rooms, participants, the worker and its consumers, and the join latency of a real meeting', async () => {
    const before = await scrape(platform.url);
    expect(value(before, 'ca_media_workers')).toBe(1);
    expect(value(before, 'ca_rooms')).toBe(0);
    expect(value(before, 'ca_join_latency_seconds_count')).toBe(0);

    const sender = await connectClient(platform.url);
    const viewer = await connectClient(platform.url);
    sockets.push(sender, viewer);
    await sender.call('join', { roomId: 'metrics-demo', displayName: 'Sender' });
    const send = await sender.call<{ id: string }>('createTransport', { direction: 'send' });
    const { producerId } = await sender.call<{ producerId: string }>('produce', {
      transportId: send.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: opusParameters(),
    });
    const joined = await viewer.call<{ routerRtpCapabilities: unknown }>('join', { roomId: 'metrics-demo', displayName: 'Viewer' });
    const recv = await viewer.call<{ id: string }>('createTransport', { direction: 'recv' });
    const consumer = await viewer.call<{ consumerId: string }>('consume', {
      transportId: recv.id,
      producerId,
      rtpCapabilities: joined.routerRtpCapabilities,
    });
    await viewer.call('resumeConsumer', { consumerId: consumer.consumerId });

    const during = await scrape(platform.url);
    expect(value(during, 'ca_rooms')).toBe(1);
    expect(value(during, 'ca_participants')).toBe(2);
    expect(value(during, 'ca_media_worker_consumers', { worker: '0' })).toBe(1);
    expect(value(during, 'ca_media_worker_routers', { worker: '0' })).toBe(1);
    expect(value(during, 'ca_media_worker_cpu_seconds', { worker: '0' })).toBeGreaterThan(0);
    // The viewer's first media: one observation (the sender never consumed anything).
    expect(value(during, 'ca_join_latency_seconds_count')).toBe(1);
    // Read from mediasoup: these transports never connected (no DTLS), so no packet was forwarded and none is counted.
    expect(value(during, 'ca_join_media_seconds_count')).toBe(0);
    expect(value(during, 'ca_signaling_requests_total', { event: 'join', outcome: 'ok' })).toBe(2);

    await viewer.call('leave', {});
    await sender.call('leave', {});
    const after = await scrape(platform.url);
    expect(value(after, 'ca_rooms')).toBe(0);
    expect(value(after, 'ca_media_worker_consumers', { worker: '0' })).toBe(0);
  });

  it('counts refused signaling requests by event and code', async () => {
    const socket = await connectClient(platform.url);
    sockets.push(socket);
    await socket.request('raiseHand', { raised: true });
    await socket.request('raiseHand', { raised: 'yes' });
    const families = await scrape(platform.url);
    expect(value(families, 'ca_signaling_errors_total', { event: 'raiseHand', code: ErrorCode.NotJoined })).toBe(1);
    expect(value(families, 'ca_signaling_errors_total', { event: 'raiseHand', code: ErrorCode.BadRequest })).toBe(1);
    expect(value(families, 'ca_signaling_requests_total', { event: 'raiseHand', outcome: 'error' })).toBe(2);
  });

  it('times API requests by route pattern and counts bookings created and conflicted', async () => {
    const anon = new ApiClient(platform.url);
    const [event] = (await anon.get<{ events: ExpoEvent[] }>('/api/events')).body.events;
    const [booth] = (await anon.get<{ booths: Booth[] }>(`/api/events/${event!.id}/booths`)).body.booths as [Booth];
    await anon.get(`/api/booths/${booth.id}`);
    await anon.get('/api/no-such-thing');
    const a = await registerGuest(platform.url, { timeZone: 'Europe/Berlin' }, { forwardedFor: '198.51.100.31' });
    const b = await registerGuest(platform.url, { timeZone: 'Europe/Berlin' }, { forwardedFor: '198.51.100.32' });
    const from = Date.now() + DAY;
    const query = new URLSearchParams({ from: new Date(from).toISOString(), to: new Date(from + 3 * DAY).toISOString() });
    const [slot] = expectStatus(await a.get<SlotsResponse>(`/api/booths/${booth.id}/slots?${query}`), 200).body.slots;
    const staffId = slot!.staffIds[0]!;
    expectStatus(await a.post<Appointment>('/api/appointments', { boothId: booth.id, start: slot!.start, staffId }), 201);
    const taken = await b.post('/api/appointments', { boothId: booth.id, start: slot!.start, staffId });
    expect([taken.status, apiError(taken).code]).toEqual([409, ErrorCode.Conflict]);

    const families = await scrape(platform.url);
    expect(families.types.get('ca_http_request_duration_seconds')).toBe('histogram');
    expect(value(families, 'ca_http_request_duration_seconds_count', { method: 'GET', route: '/api/booths/:boothId', status: '200' })).toBe(1);
    expect(value(families, 'ca_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    // No id ever becomes a label.
    expect(value(families, 'ca_http_request_duration_seconds_count', { method: 'POST', route: '/api/appointments', status: '409' })).toBe(1);
    const routes = families.samples.filter((m) => m.name === 'ca_http_request_duration_seconds_count').map((m) => m.labels.route ?? '');
    expect(routes.filter((r) => r.includes(booth.id))).toEqual([]);
    expect(value(families, 'ca_bookings_total', { result: 'created' })).toBe(1);
    expect(value(families, 'ca_bookings_total', { result: 'conflicted' })).toBe(1);
  });

  it('reports the outbox backlog', async () => {
    const backlog = value(await scrape(platform.url), 'ca_outbox_backlog');
    const at = new Date().toISOString();
    await platform.services.store.notifications.enqueueEmail({
      id: 'metrics-mail',
      to_email: 'a@example.com',
      subject: 's',
      body: 'b',
      dedupe_key: 'metrics-mail',
      created_at: at,
      sent_at: null,
    });
    expect(value(await scrape(platform.url), 'ca_outbox_backlog')).toBe(backlog + 1);
  });

  it('serves every metric the example Grafana dashboard queries (infra/monitoring)', async () => {
    const dashboard = JSON.parse(await readFile(new URL('../../../infra/monitoring/grafana-dashboard.json', import.meta.url), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const queried = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\bca_[a-z0-9_]+/g) ?? [])));
    const served = new Set((await scrape(platform.url)).types.keys());
    // A histogram's series are its name plus _bucket, _sum and _count.
    const missing = [...queried].filter((name) => !served.has(name.replace(/_(bucket|sum|count)$/, '')));
    expect(queried.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('answers only callers on this machine without METRICS_TOKEN (403 through the proxy for anyone else)', async () => {
    const res = await new ApiClient(platform.url, { forwardedFor: '198.51.100.40' }).get('/metrics');
    expect([res.status, apiError(res).code]).toEqual([403, ErrorCode.Forbidden]);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let platform: Platform;
  const token = 'metrics-token-0123456789';
  beforeAll(async () => {
    platform = await startTestPlatform({ METRICS_TOKEN: token });
  });
  afterAll(() => platform.close());

  it('needs the bearer token, from anywhere', async () => {
    const bare = await fetch(`${platform.url}/metrics`);
    expect(bare.status).toBe(401);
    const wrong = await fetch(`${platform.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456780' } });
    expect(wrong.status).toBe(401);
    const remote = await new ApiClient(platform.url, { forwardedFor: '198.51.100.41' }).get('/metrics', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(remote.status).toBe(200);
    expect(value(await scrape(platform.url, { authorization: `Bearer ${token}` }), 'ca_media_workers')).toBe(1);
  });
});
