import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { createLogger } from '@ca/server/dist/logger.js';
import { mediaCodecs } from '@ca/server/dist/media/codecs.js';
import { WorkerPool } from '@ca/server/dist/media/WorkerPool.js';

/** A router to fan out on, the worker process it runs in, and how it was made. */
export type MediaStack = {
  name: 'ours' | 'bare';
  /** What exactly this stack is, for the report. */
  description: string;
  worker: types.Worker;
  router: types.Router;
  close: () => void;
};

/**
 * Ours: the server's own WorkerPool (one worker, as the server spawns them) and a
 * Router made the way Rooms makes a room's router (`pool.createRouter({ mediaCodecs })`,
 * the server's codec list). Our Peer only makes WebRtcTransports (ICE + DTLS, which a
 * Node UDP socket cannot complete), so the PlainTransports are created on that router.
 */
export async function ourStack(): Promise<MediaStack> {
  const workers: types.Worker[] = [];
  const onWorker = (worker: types.Worker) => workers.push(worker);
  mediasoup.observer.on('newworker', onWorker);
  const log = createLogger('silent');
  let pool: WorkerPool;
  try {
    pool = await WorkerPool.create({ size: 1, log, respawn: false });
  } finally {
    mediasoup.observer.off('newworker', onWorker);
  }
  const worker = workers.find((w) => w.pid === pool.pids[0]);
  if (!worker) {
    pool.close();
    throw new Error('the server resolved another copy of mediasoup than the bench; cannot read its worker CPU');
  }
  const router = await pool.createRouter({ mediaCodecs });
  return {
    name: 'ours',
    description:
      "server's WorkerPool (1 worker) + pool.createRouter({ mediaCodecs }) as Rooms makes a room's router, with the server's codecs (Opus, VP8, VP9, H264); PlainTransports on that router (our Peer only makes WebRtcTransports)",
    worker,
    router,
    close: () => {
      router.close();
      pool.close();
    },
  };
}

/** Bare: mediasoup alone, no code of ours: a worker, a VP8-only router, plain transports. */
export async function bareStack(): Promise<MediaStack> {
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });
  const router = await worker.createRouter({
    mediaCodecs: [{ kind: 'video', mimeType: 'video/VP8', clockRate: 90000 }],
  });
  return {
    name: 'bare',
    description: 'mediasoup.createWorker() + worker.createRouter({ VP8 only }) + PlainTransports; none of our code',
    worker,
    router,
    close: () => worker.close(),
  };
}
