import { afterEach, describe, expect, it } from 'vitest';
import { mediaCodecs } from './codecs.js';
import { WorkerPool, type PoolRouterData } from './WorkerPool.js';
import { silentLog } from '../test-support/media.js';

describe('WorkerPool', () => {
  let pool: WorkerPool | undefined;
  afterEach(() => pool?.close());

  it('WorkerPool.create() starts the requested number of real worker processes', async () => {
    pool = await WorkerPool.create({ size: 2, log: silentLog });
    expect(pool.size).toBe(2);
    for (const pid of pool.pids) expect(() => process.kill(pid, 0)).not.toThrow();
  });

  it('createRouter() puts each new router on the least loaded worker', async () => {
    pool = await WorkerPool.create({ size: 2, log: silentLog });
    const a = await pool.createRouter({ mediaCodecs });
    const b = await pool.createRouter({ mediaCodecs });
    // Two routers on two idle workers land on different workers: closing one worker closes only one router.
    const [first] = pool.pids;
    process.kill(first!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([a.closed, b.closed].filter(Boolean)).toHaveLength(1);
  });

  it('a worker killed with SIGKILL is replaced and the routers it hosted close', async () => {
    pool = await WorkerPool.create({ size: 1, log: silentLog });
    const router = await pool.createRouter({ mediaCodecs });
    const [victim] = pool.pids;
    const replaced = new Promise<number>((resolve) => pool!.once('workerStarted', resolve));
    const died = new Promise<number>((resolve) => pool!.once('workerDied', resolve));
    process.kill(victim!, 'SIGKILL');
    expect(await died).toBe(victim);
    const newPid = await replaced;
    expect(newPid).not.toBe(victim);
    expect(router.closed).toBe(true);
    expect(pool.size).toBe(1);
    const again = await pool.createRouter({ mediaCodecs });
    expect(again.closed).toBe(false);
  });

  it('createRouter() right after every worker was killed lands on a live replacement, not on a worker whose death is not yet seen', async () => {
    pool = await WorkerPool.create({ size: 2, log: silentLog });
    const killed = pool.pids;
    for (const pid of killed) process.kill(pid, 'SIGKILL');
    // Wait until the first death is seen, as a room's rebuild does; the second may still look alive.
    await new Promise<void>((resolve) => pool!.once('workerDied', () => resolve()));
    const router = await pool.createRouter({ mediaCodecs });
    expect(router.closed).toBe(false);
    expect(killed).not.toContain((router.appData as PoolRouterData).workerPid);
  });

  it('close() stops every worker and does not replace them', async () => {
    pool = await WorkerPool.create({ size: 2, log: silentLog });
    const pids = pool.pids;
    pool.close();
    expect(pool.size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    await expect(pool.createRouter({ mediaCodecs })).rejects.toThrow(/no running mediasoup worker/);
  });

  it('createRoutersOnDistinctWorkers() puts each router on another worker, least loaded first, and no more than there are workers', async () => {
    pool = await WorkerPool.create({ size: 2, log: silentLog });
    // Both workers already host a router; the spread still uses each worker once.
    const busy = [await pool.createRouter({ mediaCodecs }), await pool.createRouter({ mediaCodecs })];
    const routers = await pool.createRoutersOnDistinctWorkers({ mediaCodecs }, 3);
    expect(routers).toHaveLength(2);
    const pids = routers.map((r) => (r.appData as PoolRouterData).workerPid);
    expect(new Set(pids).size).toBe(2);
    expect(busy.map((r) => (r.appData as PoolRouterData).workerPid).sort()).toEqual([...pool.pids].sort());
  });

  describe('with a WebRtcServer per worker', () => {
    const serverListen = (port: number) => [
      { protocol: 'udp' as const, ip: '127.0.0.1', port },
      { protocol: 'tcp' as const, ip: '127.0.0.1', port },
    ];
    const base = 45000 + Math.floor(Math.random() * 2000) * 2;

    it('gives every transport of a worker the same UDP and TCP port: worker slot i listens on base + i', async () => {
      pool = await WorkerPool.create({ size: 2, log: silentLog, webRtcServer: serverListen(base) });
      const ports = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const router = await pool.createRouter({ mediaCodecs });
        const { webRtcServer } = router.appData as PoolRouterData;
        const transport = await router.createWebRtcTransport({ webRtcServer: webRtcServer! });
        for (const c of transport.iceCandidates) ports.add(`${c.protocol}:${c.port}`);
      }
      expect([...ports].sort()).toEqual([`tcp:${base}`, `tcp:${base + 1}`, `udp:${base}`, `udp:${base + 1}`].sort());
    });

    it("a replacement worker takes the dead worker's ports, so firewall rules stay right", async () => {
      pool = await WorkerPool.create({ size: 1, log: silentLog, webRtcServer: serverListen(base + 10) });
      const started = new Promise<number>((resolve) => pool!.once('workerStarted', resolve));
      process.kill(pool.pids[0]!, 'SIGKILL');
      await started;
      const router = await pool.createRouter({ mediaCodecs });
      const { webRtcServer } = router.appData as PoolRouterData;
      const transport = await router.createWebRtcTransport({ webRtcServer: webRtcServer! });
      expect(transport.iceCandidates.map((c) => c.port)).toEqual([base + 10, base + 10]);
    });
  });
});
