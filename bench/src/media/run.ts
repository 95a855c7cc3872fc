import { Closer } from '../lib/closer.js';
import { FanOut } from './fanout.js';
import { ramp, type Ramp, type RampOptions } from './ramp.js';
import { bareStack, ourStack } from './stacks.js';

export type MediaOptions = RampOptions;

export type MediaResult = Ramp<'ours' | 'bare'> & {
  options: MediaOptions;
  stacks: { name: 'ours' | 'bare'; description: string; workerPid: number }[];
};

/**
 * Media forwarding capacity of one worker, ours and bare in the same run: one fan-out
 * on each stack's router, ramped together (bare first at the first K).
 */
export async function runMedia(options: MediaOptions, log: (line: string) => void): Promise<MediaResult> {
  const closer = new Closer();
  try {
    const ours = await closer.open(FanOut.create(await closer.open(ourStack()), { ssrc: 0x0bec0001 }));
    const bare = await closer.open(FanOut.create(await closer.open(bareStack()), { ssrc: 0x0bec0002 }));
    const ramped = await ramp({ bare, ours }, options, (line) => log(`media: ${line}`));
    return {
      options,
      stacks: [ours, bare].map((f) => ({ name: f.source.name, description: f.source.description, workerPid: f.source.worker.pid })),
      ...ramped,
    };
  } finally {
    closer.closeAll();
  }
}
