import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type ResponsePayload } from '@ca/signaling';
import type { Platform } from '../platform.js';
import { clientPool, startTestPlatform } from '../test-support/platform.js';

type Probe = ResponsePayload<'probeTransport'>;

describe('pre-join connection test', () => {
  let platform: Platform;
  const { connect } = clientPool(() => platform.url);
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('offers a transport that listens on exactly the protocol asked for, with SCTP for a data channel, before any join', async () => {
    const client = await connect();
    for (const protocol of ['udp', 'tcp'] as const) {
      const probe = await client.call<Probe>('probeTransport', { protocol });
      expect(probe.transport.iceCandidates.map((c) => c.protocol)).toEqual([protocol]);
      expect(probe.transport.sctpParameters).toMatchObject({ port: 5000 });
      expect(probe.routerRtpCapabilities.codecs?.length).toBeGreaterThan(0);
    }
  });

  it("refuses another socket's probe with TRANSPORT_NOT_FOUND", async () => {
    const owner = await connect();
    const stranger = await connect();
    const probe = await owner.call<Probe>('probeTransport', { protocol: 'udp' });
    const ack = await stranger.request('probeConnect', {
      transportId: probe.transport.id,
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.TransportNotFound } });
  });

  it('lets one socket hold at most three probes at once (RATE_LIMITED), also when it asks for eight in parallel', async () => {
    const client = await connect();
    const acks = await Promise.all(Array.from({ length: 8 }, () => client.request('probeTransport', { protocol: 'udp' })));
    const codes = acks.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(codes.filter((c) => c === ErrorCode.RateLimited)).toHaveLength(5);
  });

  it('caps connection tests per client address over all its sockets (RATE_LIMITED), while another address still gets one', async () => {
    const url = platform.url;
    // Eight sockets from 127.0.0.2, two probes each: the address holds at most 12 at once.
    const sockets = await Promise.all(Array.from({ length: 8 }, () => connect(url, { localAddress: '127.0.0.2' })));
    const acks = await Promise.all(
      sockets.flatMap((s) => [s.request('probeTransport', { protocol: 'udp' }), s.request('probeTransport', { protocol: 'tcp' })]),
    );
    const codes = acks.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(12);
    expect(codes.filter((c) => c === ErrorCode.RateLimited)).toHaveLength(4);
    // Someone else's network is not affected.
    const neighbour = await connect(url, { localAddress: '127.0.0.3' });
    expect(await neighbour.request('probeTransport', { protocol: 'udp' })).toMatchObject({ ok: true });
    // Closing sockets gives the address its share back.
    for (const s of sockets.slice(0, 2)) s.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await connect(url, { localAddress: '127.0.0.2' });
    expect(await again.request('probeTransport', { protocol: 'udp' })).toMatchObject({ ok: true });
  });

  it('answers a second connect of the same probe with CONFLICT, not an internal error', async () => {
    const client = await connect();
    const probe = await client.call<Probe>('probeTransport', { protocol: 'udp' });
    const dtlsParameters = { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:'.repeat(31) + 'AB' }] };
    expect(await client.request('probeConnect', { transportId: probe.transport.id, dtlsParameters })).toMatchObject({ ok: true });
    expect(await client.request('probeConnect', { transportId: probe.transport.id, dtlsParameters })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.Conflict },
    });
  });

  it('refuses a malformed protocol with BAD_REQUEST', async () => {
    const client = await connect();
    expect(await client.request('probeTransport', { protocol: 'sctp' })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
  });
});
