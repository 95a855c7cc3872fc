import dgram from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { types } from 'mediasoup';
import { mediaCodecs } from './codecs.js';
import { firstForwarded } from './firstForwarded.js';
import { WorkerPool } from './WorkerPool.js';
import { silentLog } from '../test-support/media.js';
import { opusParameters, rtpSender } from '../test-support/rtp.js';

describe('firstForwarded: the first RTP packet a consumer forwards, read from mediasoup', () => {
  let pool: WorkerPool;
  let router: types.Router;
  let producer: types.Producer;
  let input: types.PlainTransport;
  let sink: dgram.Socket;
  let consumer: types.Consumer;
  let sender: ReturnType<typeof rtpSender> | undefined;

  beforeEach(async () => {
    pool = await WorkerPool.create({ size: 1, log: silentLog });
    [router] = (await pool.createRoutersOnDistinctWorkers({ mediaCodecs }, 1)) as [types.Router];
    input = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
    producer = await input.produce({ kind: 'audio', rtpParameters: opusParameters(4_444_444) as types.RtpParameters });
    sink = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
    const output = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
    await output.connect({ ip: '127.0.0.1', port: sink.address().port });
    consumer = await output.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true });
  });
  afterEach(() => {
    sender?.close();
    sender = undefined;
    sink.close();
    pool.close();
  });

  it('resolves true only once a packet is forwarded, after the resume, and turns the trace off again', async () => {
    const first = firstForwarded(consumer);
    let settled = false;
    void first.then(() => (settled = true));
    sender = rtpSender(input.tuple.localPort, 4_444_444);
    // Paused: packets reach the producer but none is forwarded yet.
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    const sinkGot = new Promise<void>((resolve) => sink.once('message', () => resolve()));
    await consumer.resume();
    expect(await first).toBe(true);
    await sinkGot;
    // Off again: no more trace events come while packets keep flowing.
    let traces = 0;
    consumer.on('trace', () => traces++);
    await new Promise((r) => setTimeout(r, 300));
    expect(traces).toBe(0);
    expect(consumer.listenerCount('trace')).toBe(1);
  });

  it('resolves false when the consumer closes before forwarding anything, and at once for a closed one', async () => {
    const first = firstForwarded(consumer);
    consumer.close();
    expect(await first).toBe(false);
    expect(await firstForwarded(consumer)).toBe(false);
  });
});
