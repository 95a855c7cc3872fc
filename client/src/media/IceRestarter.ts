import { debug, type types as ms } from 'mediasoup-client';
import type { SignalingClient } from '../api/signaling';
import { isTransient } from './Receiver';
import { needsIceRestart, restartIce } from './transports';

const log = debug('ca:media:ice');

/**
 * Restarts the ICE of a transport whose connection failed or stalled (one restart
 * at a time per transport), and after a resume, of every transport still down.
 * While the signaling is down nothing is asked; the resume calls `restartStale`.
 */
export class IceRestarter {
  readonly #signaling: SignalingClient;
  readonly #canAsk: () => boolean;
  readonly #onError: (error: unknown) => void;
  readonly #restarting = new Set<ms.Transport>();

  constructor(options: { signaling: SignalingClient; canAsk: () => boolean; onError: (error: unknown) => void }) {
    this.#signaling = options.signaling;
    this.#canAsk = options.canAsk;
    this.#onError = options.onError;
  }

  async restart(transport: ms.Transport): Promise<void> {
    if (!this.#canAsk() || transport.closed || this.#restarting.has(transport)) return;
    this.#restarting.add(transport);
    try {
      await restartIce(transport, this.#signaling);
    } catch (error) {
      log('ICE restart of %s failed: %o', transport.id, error);
      if (!isTransient(error)) this.#onError(error);
    } finally {
      this.#restarting.delete(transport);
    }
  }

  async restartStale(transports: ReadonlyArray<ms.Transport | Promise<ms.Transport> | null>): Promise<void> {
    for (const entry of transports) {
      const transport = await Promise.resolve(entry).catch(() => null);
      if (transport && needsIceRestart(transport)) void this.restart(transport);
    }
  }
}
