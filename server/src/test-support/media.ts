import pino from 'pino';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { Rooms } from '../media/Rooms.js';
import type { Identity, TransportSettings } from '../media/Peer.js';
import { WorkerPool } from '../media/WorkerPool.js';

export const silentLog = pino({ level: 'silent' });

export const testTransportSettings: TransportSettings = {
  listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
  initialAvailableOutgoingBitrate: 1_000_000,
  maxIncomingBitrate: 5_000_000,
};

export async function createTestRooms(options: { workers?: number; maxPeersPerRoom?: number; respawn?: boolean; log?: pino.Logger } = {}) {
  const log = options.log ?? silentLog;
  const pool = await WorkerPool.create({ size: options.workers ?? 1, log, respawn: options.respawn ?? true });
  const rooms = new Rooms({
    pool,
    log,
    transportSettings: testTransportSettings,
    maxPeersPerRoom: options.maxPeersPerRoom ?? 10,
    now: () => Date.now(),
  });
  return { pool, rooms };
}

/** Who a test participant is: a guest by default. */
export function identity(displayName: string, more: Partial<Identity> = {}): Identity {
  return { displayName, role: 'guest', userId: `user-${displayName}`, country: '', language: '', ...more };
}

/**
 * Records every mediasoup object created from now on, through mediasoup's own
 * observer API, so a test can check what really closed in the worker's model.
 */
export function recordMediasoupObjects() {
  const record = {
    routers: [] as types.Router[],
    transports: [] as types.Transport[],
    producers: [] as types.Producer[],
    consumers: [] as types.Consumer[],
  };
  const onWorker = (worker: types.Worker) => {
    worker.observer.on('newrouter', (router) => {
      record.routers.push(router);
      router.observer.on('newtransport', (transport) => {
        record.transports.push(transport);
        transport.observer.on('newproducer', (p) => record.producers.push(p));
        transport.observer.on('newconsumer', (c) => record.consumers.push(c));
      });
    });
  };
  mediasoup.observer.on('newworker', onWorker);
  return { record, stop: () => mediasoup.observer.off('newworker', onWorker) };
}

/** One line a captured logger wrote: its level (pino's number: 30 info, 40 warn, 50 error) and fields. */
export type LogLine = { level: number; msg?: string } & Record<string, unknown>;

/**
 * A real pino logger at debug level whose lines are kept in memory, so a test can say what
 * the server logged (and at which level) while it handled a request.
 */
export function captureLog(): { log: pino.Logger; lines: LogLine[]; atLeast: (level: number) => LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { log, lines, atLeast: (level) => lines.filter((l) => l.level >= level) };
}
