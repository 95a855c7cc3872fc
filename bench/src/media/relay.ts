import { NodePipe } from '@ca/server/dist/media/NodePipe.js';
import { Closer } from '../lib/closer.js';
import { maxReceiveBuffer } from '../lib/machine.js';
import { FanOut, type RemoteViewers } from './fanout.js';
import { ramp, type Ramp, type RampOptions } from './ramp.js';
import { ourStack, type MediaStack } from './stacks.js';

export type RelayOptions = RampOptions;

export type RelayResult = Ramp<'direct' | 'relayed'> & {
  options: RelayOptions;
  /** What each "node" is (the same for both) and its worker. */
  node: string;
  workerPids: { stage: number; overflow: number };
  /** The receive buffer the pipe's sockets get: NodePipe asks for none, so the kernel's default (bytes; null off Linux). */
  pipeReceiveBufferBytes: number | null;
};

/** Where both ends of the pipe listen: the two "nodes" share this machine. */
const LOOPBACK = { ip: '127.0.0.1' };

/**
 * The producer carried from the stage's router to the overflow node's as the server
 * relays a stage (Room.sendDown on the stage's node, StageRelay on the overflow node),
 * without the signaling between them: a NodePipe on each router (PipeTransport, SRTP,
 * RTX), each connected to the other's tuple, the producer sent down one and received
 * from the other with the same id. Its counters are the overflow end's receive stats:
 * packets it asked again (NACK), retransmissions that arrived, and gaps they filled.
 */
function throughNodePipe(stage: MediaStack, overflow: MediaStack): RemoteViewers {
  return {
    stack: overflow,
    bring: async (producerId) => {
      const closer = new Closer();
      try {
        const up = await closer.open(NodePipe.create(stage.router, LOOPBACK));
        const down = await closer.open(NodePipe.create(overflow.router, LOOPBACK));
        await up.connect(down.tuple);
        await down.connect(up.tuple);
        const received = await down.receive(await up.send(producerId));
        const counters = async () => {
          const [stats] = await received.getStats();
          return { nacked: stats?.nackPacketCount ?? 0, retransmitted: stats?.packetsRetransmitted ?? 0, repaired: stats?.packetsRepaired ?? 0 };
        };
        return { close: () => closer.closeAll(), counters };
      } catch (error) {
        closer.closeAll();
        throw error;
      }
    },
  };
}

/**
 * What an overflow node saves the stage's node: two "nodes" (each the server's
 * WorkerPool of one worker, joined only by UDP on 127.0.0.1) and K viewers served
 * either on the stage's router (direct) or on the overflow node's router, fed by one
 * NodePipe pair (relayed). Both fan-outs watch both workers; ramped together, direct
 * first at the first K.
 */
export async function runRelay(options: RelayOptions, log: (line: string) => void): Promise<RelayResult> {
  const closer = new Closer();
  try {
    const stage = await closer.open(ourStack());
    const overflow = await closer.open(ourStack());
    const watch = { stage: stage.worker, overflow: overflow.worker };
    const direct = await closer.open(FanOut.create(stage, { ssrc: 0x0bec0011, watch }));
    const relayed = await closer.open(FanOut.create(stage, { ssrc: 0x0bec0012, viewers: throughNodePipe(stage, overflow), watch }));
    const ramped = await ramp({ direct, relayed }, options, (line) => log(`relay: ${line}`));
    return {
      options,
      node: stage.description,
      workerPids: { stage: stage.worker.pid, overflow: overflow.worker.pid },
      pipeReceiveBufferBytes: maxReceiveBuffer(),
      ...ramped,
    };
  } finally {
    closer.closeAll();
  }
}
