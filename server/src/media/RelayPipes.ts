import type { types } from 'mediasoup';
import { ErrorCode } from '@ca/signaling';
import { AppError } from '../errors.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import { NodePipe, type PipedProducer, type PipeListen } from './NodePipe.js';

type RelayPipesEvents = {
  /** How many watch from overflow nodes, in all, changed. */
  audience: [total: number];
  /** A host asked to remove someone the stage's node does not hold: the overflow nodes are asked. */
  removalForwarded: [peerId: string];
};

/** What the pipes need from their room. */
export type RelayPipesOptions = {
  /** The room's home router, where its senders are (it changes when the room's media is rebuilt). */
  home: () => types.Router;
  listen: PipeListen;
  /** Makes a producer of the room consumable on the home router; undefined if the room has none such. */
  onHome: (producerId: string) => Promise<unknown>;
  /** Throws once the room closed. */
  assertOpen: () => void;
  /** A pipe closed: the stage may have nobody left anywhere. */
  detached: () => void;
};

/**
 * A stage's side of its overflow nodes: one pipe per attached overflow node, which node
 * it serves and how many watch there (as that node last said); the producers each pipe
 * carries; removals the stage's hosts ask of them. The room closes them all when it closes.
 */
export class RelayPipes extends TypedEmitter<RelayPipesEvents> {
  readonly #options: RelayPipesOptions;
  readonly #pipes = new Map<NodePipe, { node: string; count: number }>();

  constructor(options: RelayPipesOptions) {
    super();
    this.#options = options;
  }

  get size(): number {
    return this.#pipes.size;
  }

  /** Whether this pipe is still one of the room's (a room closed under a request has none). */
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

  /** A pipe to overflow node `node`, on the home router. */
  async open(node: string): Promise<NodePipe> {
    this.#options.assertOpen();
    const pipe = await NodePipe.create(this.#options.home(), this.#options.listen);
    this.#pipes.set(pipe, { node, count: 0 });
    return pipe;
  }

  /** Sends one producer of the room down a pipe (NOT_FOUND once either is gone). */
  async sendDown(pipe: NodePipe, producerId: string): Promise<PipedProducer> {
    if (!this.#pipes.has(pipe) || pipe.closed) throw new AppError(ErrorCode.NotFound, 'this relay pipe is closed');
    if (!(await this.#options.onHome(producerId))) throw new AppError(ErrorCode.NotFound, 'no such producer in this room');
    return pipe.send(producerId);
  }

  /** An overflow node says how many watch there now. */
  setAudience(pipe: NodePipe, count: number): void {
    const relay = this.#pipes.get(pipe);
    if (!relay || relay.count === count) return;
    relay.count = count;
    this.emit('audience', this.audience);
  }

  /** A host asked to remove a participant not on this node: the overflow nodes are asked; false without any. */
  forwardRemoval(peerId: string): boolean {
    if (this.#pipes.size === 0) return false;
    this.emit('removalForwarded', peerId);
    return true;
  }

  /** An overflow node went (or its relay was refused): its pipe closes. */
  close(pipe: NodePipe): void {
    const relay = this.#pipes.get(pipe);
    if (!relay) return;
    this.#pipes.delete(pipe);
    pipe.close();
    if (relay.count > 0) this.emit('audience', this.audience);
    this.#options.detached();
  }

  /** The stage closed: every pipe, without a word (nobody is left to hear). */
  closeAll(): void {
    for (const pipe of this.#pipes.keys()) pipe.close();
    this.#pipes.clear();
  }
}
