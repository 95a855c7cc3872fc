import { ErrorCode, type ResponsePayload } from '@ca/signaling';
import { isSignalingError, type SignalingClient } from '../api/signaling';
import type { PeerClaim } from './claims';
import { KnockWait } from './KnockWait';
import { MeetingProblemCode } from './problems';

export type Joined = ResponsePayload<'join'>;

/** The host did not let this guest in. */
export class DeclinedError extends Error {
  readonly code = MeetingProblemCode.Declined;
}

export type AdmissionOptions = {
  signaling: SignalingClient;
  roomId: string;
  displayName: string;
  token: string | undefined;
  /** Throws when the meeting ended meanwhile. */
  assertActive: () => void;
  /** Waiting in the lobby (true) or admitted and joining (false). */
  onLobby: (waiting: boolean) => void;
};

/**
 * Getting into a room: `join` (with `replaces` after a reload, dropped when the
 * server no longer knows that peer) and, in a booth room where a guest gets
 * LOBBY_REQUIRED, `knock` and wait for the host's answer before joining again.
 */
export class Admission {
  readonly #options: AdmissionOptions;
  #wait: KnockWait | null = null;

  constructor(options: AdmissionOptions) {
    this.#options = options;
  }

  /** Resolves with the join answer; rejects with the refusal, or DeclinedError. */
  async enter(claim: PeerClaim | null): Promise<Joined> {
    const { signaling, roomId, displayName, token, assertActive } = this.#options;
    let replaces = claim ? { peerId: claim.peerId, resumeKey: claim.resumeKey } : undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const joined = await signaling.request('join', {
          roomId,
          displayName,
          ...(token ? { token } : {}),
          ...(replaces ? { replaces } : {}),
        });
        assertActive();
        return joined;
      } catch (error) {
        assertActive();
        const code = isSignalingError(error) ? error.code : null;
        if (replaces && (code === ErrorCode.NotFound || code === ErrorCode.BadRequest || code === ErrorCode.Forbidden)) {
          replaces = undefined;
          continue;
        }
        if (code === ErrorCode.LobbyRequired && token && attempt < 3) {
          await this.#waitInLobby(token);
          continue;
        }
        throw error;
      }
    }
  }

  /** After a reconnect while waiting: the dropped socket withdrew the knock, so knock again. */
  async knockAgain(): Promise<void> {
    if (this.#wait && this.#options.token) await this.#knock(this.#options.token);
  }

  /** A `knockAnswered` push. */
  answered(knockId: string, admitted: boolean): void {
    this.#wait?.answered(knockId, admitted);
  }

  /** The meeting ended while waiting. */
  cancel(): void {
    this.#wait?.cancel();
  }

  async #waitInLobby(token: string): Promise<void> {
    const wait = new KnockWait();
    this.#wait = wait;
    this.#options.onLobby(true);
    try {
      await this.#knock(token);
      const admitted = await wait.answer;
      this.#options.assertActive();
      if (!admitted) throw new DeclinedError('the host declined');
    } finally {
      this.#wait = null;
    }
    this.#options.onLobby(false);
  }

  async #knock(token: string): Promise<void> {
    const { knockId } = await this.#options.signaling.request('knock', { roomId: this.#options.roomId, token });
    this.#wait?.knocked(knockId);
  }
}
