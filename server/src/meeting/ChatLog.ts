import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '@ca/signaling';

/** Messages kept per room; older ones drop off (a late joiner sees the last ones). */
export const CHAT_HISTORY_LIMIT = 200;

/**
 * A room's chat for the life of the meeting. Text is stored as sent (already
 * validated: trimmed, 1–1000 characters); clients render it as text, so markup in
 * a message is shown, never run.
 */
export class ChatLog {
  readonly #messages: ChatMessage[] = [];
  readonly #limit: number;

  constructor(limit = CHAT_HISTORY_LIMIT) {
    this.#limit = limit;
  }

  add(from: { peerId: string; displayName: string }, text: string, now: number): ChatMessage {
    const message: ChatMessage = {
      id: randomUUID(),
      peerId: from.peerId,
      displayName: from.displayName,
      text,
      sentAt: new Date(now).toISOString(),
    };
    this.record(message);
    return message;
  }

  /** Keeps a message written elsewhere (a stage's chat, mirrored on an overflow node). */
  record(message: ChatMessage): void {
    this.#messages.push(message);
    if (this.#messages.length > this.#limit) this.#messages.splice(0, this.#messages.length - this.#limit);
  }

  history(): ChatMessage[] {
    return [...this.#messages];
  }
}
