import type { Cluster } from '../cluster/Cluster.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { TransportSettings } from '../media/Peer.js';
import { pipeListenOf } from '../media/NodePipe.js';
import { Rooms } from '../media/Rooms.js';
import { WorkerPool } from '../media/WorkerPool.js';
import type { Clock } from '../services/clock.js';

/**
 * The media side: mediasoup workers (each with a WebRtcServer when configured: shared ports),
 * the settings of every WebRTC transport, and the rooms on them. With a cluster, a stage full on
 * its node is relayed to overflow nodes, whose rooms get its media through a node-to-node pipe.
 */
export async function startMedia(options: {
  config: Config['media'];
  log: Logger;
  clock: Clock;
  cluster: Cluster | undefined;
}): Promise<{ pool: WorkerPool; rooms: Rooms; transportSettings: TransportSettings }> {
  const { config, log, clock, cluster } = options;
  const listenInfo = { ip: config.listenIp, announcedAddress: config.announcedAddress, portRange: config.portRange };
  const serverPort = config.webRtcServer?.port;
  const serverListen = { ...listenInfo, ...(serverPort === undefined ? {} : { port: serverPort }) };
  const pool = await WorkerPool.create({
    size: config.workers,
    log: log.child({ mod: 'media:pool' }),
    ...(config.webRtcServer
      ? {
          webRtcServer: [
            { protocol: 'udp' as const, ...serverListen },
            { protocol: 'tcp' as const, ...serverListen },
          ],
        }
      : {}),
  });
  const transportSettings: TransportSettings = {
    listenInfos: [
      { protocol: 'udp' as const, ...listenInfo },
      { protocol: 'tcp' as const, ...listenInfo },
    ],
    initialAvailableOutgoingBitrate: 1_000_000,
    maxIncomingBitrate: 5_000_000,
  };
  const rooms = new Rooms({
    pool,
    log: log.child({ mod: 'media:rooms' }),
    now: () => clock.now(),
    maxPeersPerRoom: config.maxPeersPerRoom,
    transportSettings,
    upstream: cluster && ((roomId, home) => cluster.relayStage(roomId, home, pipeListenOf(transportSettings))),
  });
  return { pool, rooms, transportSettings };
}
