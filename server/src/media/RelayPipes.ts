import type { types } from 'mediasoup';
import { TypedEmitter } from '../lib/typedEmitter.js';
import { NodePipe, type PipeListen } from './NodePipe.js';

type RelayPipesEvents = {
  /** How many watch from overflow nodes, in all, changed. */
  audience: [total: number];
};

/**
 * A stage's pipes to its overflow nodes (its own node's side): which node each serves
 * and how many watch there, as that node last said. The room opens one per attached
 * overflow node and closes them all when it closes.
 */
export class RelayPipes extends TypedEmitter<RelayPipesEvents> {
  readonly #pipes = new Map<NodePipe, { node: string; count: number }>();

  get size(): number {
    return this.#pipes.size;
  }

  has(pipe: NodePipe): boolean {
    return this.#pipes.has(pipe);
  }

  /** How many watch from overflow nodes in all. */
  get audience(): number {
    let total = 0;
    for (const { count } of this.#pipes.values()) total += count;
    return total;
  }

  /** How many watch on each overflow node, by node id. */
  audienceByNode(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { node, count } of this.#pipes.values()) counts.set(node, (counts.get(node) ?? 0) + count);
    return counts;
  }

  /** A pipe to overflow node `node` on `router` (where the stage's senders are). */
  async open(router: types.Router, listen: PipeListen, node: string): Promise<NodePipe> {
    const pipe = await NodePipe.create(router, listen);
    this.#pipes.set(pipe, { node, count: 0 });
    return pipe;
  }

  /** An overflow node says how many watch there now. */
  setAudience(pipe: NodePipe, count: number): void {
    const relay = this.#pipes.get(pipe);
    if (!relay || relay.count === count) return;
    relay.count = count;
    this.emit('audience', this.audience);
  }

  /** Closes one pipe; false if it was not (or no longer) open. */
  close(pipe: NodePipe): boolean {
    const relay = this.#pipes.get(pipe);
    if (!relay) return false;
    this.#pipes.delete(pipe);
    pipe.close();
    if (relay.count > 0) this.emit('audience', this.audience);
    return true;
  }

  /** The stage closed: every pipe, without a word (nobody is left to hear). */
  closeAll(): void {
    for (const pipe of this.#pipes.keys()) pipe.close();
    this.#pipes.clear();
  }
}
