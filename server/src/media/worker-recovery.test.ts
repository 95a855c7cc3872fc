import { afterEach, describe, expect, it } from 'vitest';
import type { RtpCapabilitiesWire } from '@ca/signaling';
import type { Rooms } from './Rooms.js';
import type { WorkerPool } from './WorkerPool.js';
import { captureLog, createTestRooms, identity } from '../test-support/media.js';
import { opusParameters, vp8Parameters } from '../test-support/rtp.js';

/** Kill → recover rounds per run; `WORKER_RECOVERY_REPEATS=50` for the long check by hand. */
const REPEATS = Number(process.env.WORKER_RECOVERY_REPEATS ?? 8);
/** The recovery target: media back within 5 s of the kill. */
const RECOVERY_MS = 5_000;

/** Resolves with the room's next mediaReset, or rejects when it closes or `ms` pass first. */
function nextReset(room: Awaited<ReturnType<Rooms['getOrCreate']>>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no mediaReset within ${ms} ms`)), ms);
    room.once('mediaReset', () => {
      clearTimeout(timer);
      resolve();
    });
    room.once('close', (reason) => {
      clearTimeout(timer);
      reject(new Error(`room closed instead of recovering: ${reason.message}`));
    });
  });
}

// The e2e failover spec kills every worker of a two-worker node while a meeting runs; here the
// same, over and over, with real workers: each round must rebuild the room and carry media again.
describe('worker-kill recovery, repeated', () => {
  let pool: WorkerPool | undefined;
  afterEach(() => pool?.close());

  it(`recovers ${REPEATS} of ${REPEATS} rounds of killing every worker, each within 5 s`, async () => {
    let rooms: Rooms;
    const captured = captureLog();
    ({ pool, rooms } = await createTestRooms({ workers: 2, log: captured.log }));
    const room = await rooms.getOrCreate('failover-loop');
    const [alice, bob] = [room.addPeer(identity('Alice')), room.addPeer(identity('Bob'))];
    const times: number[] = [];
    for (let round = 0; round < REPEATS; round += 1) {
      // Media flows: Alice sends audio and video, Bob receives them.
      const send = await alice.createTransport('send');
      const producers = [
        await alice.produce({ transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opusParameters(100 + round) }),
        await alice.produce({ transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8Parameters(200 + round) }),
      ];
      const recv = await bob.createTransport('recv');
      for (const producerId of producers) {
        await bob.consume({ transportId: recv.id, producerId, rtpCapabilities: room.rtpCapabilities as RtpCapabilitiesWire });
      }
      const reset = nextReset(room, RECOVERY_MS);
      const killedAt = Date.now();
      for (const pid of pool.pids) process.kill(pid, 'SIGKILL');
      await reset;
      times.push(Date.now() - killedAt);
      expect(alice.counts).toEqual({ transports: 0, producers: 0, consumers: 0 });
      expect(alice.router.closed).toBe(false);
    }
    expect(room.closed).toBe(false);
    expect(times).toHaveLength(REPEATS);
    // The server times each rebuild (and each replacement worker's start) in its log.
    const rebuilt = captured.lines.filter((l) => l.msg === 'room media rebuilt');
    expect(rebuilt.length).toBeGreaterThanOrEqual(REPEATS);
    expect(rebuilt.every((l) => typeof l.ms === 'number' && typeof l.attempts === 'number')).toBe(true);
    expect(captured.lines.filter((l) => l.msg === 'mediasoup worker started' && typeof l.startMs === 'number').length).toBeGreaterThanOrEqual(
      REPEATS,
    );
    expect(captured.lines.filter((l) => l.msg === 'room media could not be rebuilt')).toEqual([]);
    captured.log.info({ rounds: REPEATS, ms: times }, 'worker-kill recovery');
  }, 60_000);
});
