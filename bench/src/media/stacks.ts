import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { ErrorCode } from '@ca/signaling';
import { createLogger } from '@ca/server/dist/logger.js';
import { Rooms } from '@ca/server/dist/media/Rooms.js';
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
 * Ours: the server's own WorkerPool (one worker, as the server spawns them) and
 * Rooms, which creates the room's Router on it with the server's codec list. Our
 * Peer only makes WebRtcTransports (ICE + DTLS, which a Node UDP socket cannot
 * complete), so the PlainTransports are created on that room's router directly.
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
  const rooms = new Rooms({
    pool,
    log,
    maxPeersPerRoom: 2,
    transportSettings: {
      listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
      initialAvailableOutgoingBitrate: 1_000_000,
      maxIncomingBitrate: 5_000_000,
    },
  });
  const room = await rooms.getOrCreate('bench-media');
  return {
    name: 'ours',
    description:
      "server's WorkerPool (1 worker) + Rooms.getOrCreate() → Room.router with the server's codecs (Opus, VP8, VP9, H264); PlainTransports on that router (our Peer only makes WebRtcTransports)",
    worker,
    router: room.router,
    close: () => {
      rooms.closeAll({ code: ErrorCode.Unavailable, message: 'bench finished' });
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
