import dgram from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { types } from 'mediasoup';
import { mediaCodecs } from './codecs.js';
import { NodePipe } from './NodePipe.js';
import { WorkerPool } from './WorkerPool.js';
import { silentLog } from '../test-support/media.js';
import { opusParameters, rtpSender } from '../test-support/rtp.js';

const SSRC = 3_333_333;

async function packetsReceived(producer: types.Producer): Promise<number> {
  const stats = await producer.getStats();
  return stats.reduce((sum, s) => sum + (s.packetCount ?? 0), 0);
}

describe('a media pipe between two nodes (PipeTransport over UDP with SRTP)', () => {
  // Two pools stand for two nodes: separate mediasoup workers, joined only by UDP on loopback.
  let stagePool: WorkerPool;
  let overflowPool: WorkerPool;
  let stageRouter: types.Router;
  let overflowRouter: types.Router;
  let source: types.Producer;
  let sender: ReturnType<typeof rtpSender>;

  beforeEach(async () => {
    stagePool = await WorkerPool.create({ size: 1, log: silentLog });
    overflowPool = await WorkerPool.create({ size: 1, log: silentLog });
    [stageRouter] = (await stagePool.createRoutersOnDistinctWorkers({ mediaCodecs }, 1)) as [types.Router];
    [overflowRouter] = (await overflowPool.createRoutersOnDistinctWorkers({ mediaCodecs }, 1)) as [types.Router];
    const input = await stageRouter.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
    source = await input.produce({ kind: 'audio', rtpParameters: opusParameters(SSRC) as types.RtpParameters });
    sender = rtpSender(input.tuple.localPort, SSRC);
  });
  afterEach(() => {
    sender.close();
    stagePool.close();
    overflowPool.close();
  });

  async function connectedPipes(options: { tamper?: boolean } = {}) {
    const stageEnd = await NodePipe.create(stageRouter, { ip: '127.0.0.1' });
    const overflowEnd = await NodePipe.create(overflowRouter, { ip: '127.0.0.1' });
    const stageTuple = stageEnd.tuple;
    await overflowEnd.connect(
      options.tamper
        ? { ...stageTuple, srtpParameters: { ...stageTuple.srtpParameters, keyBase64: overflowEnd.tuple.srtpParameters.keyBase64 } }
        : stageTuple,
    );
    await stageEnd.connect(overflowEnd.tuple);
    return { stageEnd, overflowEnd };
  }

  it("carries a producer to the other node's router under the same id, and its packets arrive there", async () => {
    const { stageEnd, overflowEnd } = await connectedPipes();
    const piped = await stageEnd.send(source.id);
    expect(piped).toMatchObject({ producerId: source.id, kind: 'audio', paused: false });
    const copy = await overflowEnd.receive(piped);
    expect(copy.id).toBe(source.id);
    expect(overflowEnd.received(source.id)).toBe(copy);
    await expect.poll(() => packetsReceived(copy), { timeout: 5_000 }).toBeGreaterThan(10);
  });

  it('sends one producer down the pipe once, however often it is asked for', async () => {
    const { stageEnd } = await connectedPipes();
    const [a, b] = await Promise.all([stageEnd.send(source.id), stageEnd.send(source.id)]);
    expect(b).toBe(a);
    expect(await stageEnd.send(source.id)).toBe(a);
  });

  it('the copy can be consumed on the other node like a local producer', async () => {
    const { stageEnd, overflowEnd } = await connectedPipes();
    await overflowEnd.receive(await stageEnd.send(source.id));
    const out = await overflowRouter.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
    const sink = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
    let arrived = 0;
    sink.on('message', () => arrived++);
    await out.connect({ ip: '127.0.0.1', port: sink.address().port });
    await out.consume({ producerId: source.id, rtpCapabilities: overflowRouter.rtpCapabilities });
    await expect.poll(() => arrived, { timeout: 5_000 }).toBeGreaterThan(10);
    sink.close();
  });

  it('packets under the wrong SRTP key are dropped: nothing reaches the copy', async () => {
    const { stageEnd, overflowEnd } = await connectedPipes({ tamper: true });
    const copy = await overflowEnd.receive(await stageEnd.send(source.id));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await packetsReceived(copy)).toBe(0);
  });

  it('closing an end closes what it received', async () => {
    const { stageEnd, overflowEnd } = await connectedPipes();
    const copy = await overflowEnd.receive(await stageEnd.send(source.id));
    overflowEnd.close();
    expect(overflowEnd.closed).toBe(true);
    expect(copy.closed).toBe(true);
    expect(overflowEnd.received(source.id)).toBeUndefined();
  });
});
