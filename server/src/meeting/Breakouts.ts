import { ErrorCode, type BreakoutState, type ChatMessage } from '@ca/signaling';
import { AppError } from '../errors.js';
import { ChatLog } from './ChatLog.js';

/** The main room's number in a meeting's groups (breakout rooms are 1…n). */
export const MAIN_ROOM = 0;

type Member = { peerId: string; userId: string | undefined; displayName: string };

/**
 * A meeting's breakout rooms while they are open: which participant is in which numbered
 * room (everyone else is in the main room, 0), each room's chat, and when the timer calls
 * everyone back. Pure state (no mediasoup, no sockets); the media `Room` owns one and moves
 * media and pushes accordingly. A participant who reloads the page (a new peer of the same
 * account) comes back into the room they were in.
 */
export class Breakouts {
  readonly count: number;
  /** Epoch ms when the timer calls everyone back; null: no timer. */
  readonly endsAt: number | null;
  readonly #rooms = new Map<string, number>();
  readonly #members = new Map<string, Member>();
  readonly #byUser = new Map<string, number>();
  readonly #chats = new Map<number, ChatLog>();

  constructor(count: number, endsAt: number | null) {
    this.count = count;
    this.endsAt = endsAt;
  }

  /**
   * Spreads participants evenly over the rooms (room sizes differ by one at most), in a random
   * order so the same people do not always end up together. Returns each one's room.
   */
  static split<T>(participants: readonly T[], rooms: number, random: () => number = Math.random): Array<{ who: T; room: number }> {
    const shuffled = [...participants];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
    }
    return shuffled.map((who, index) => ({ who, room: (index % rooms) + 1 }));
  }

  /** The room a participant is in (MAIN_ROOM when in none). */
  roomOf(peerId: string): number {
    return this.#rooms.get(peerId) ?? MAIN_ROOM;
  }

  /** Where a new peer of this account goes (the room their earlier peer was in). */
  roomForUser(userId: string | undefined): number {
    return userId === undefined ? MAIN_ROOM : (this.#byUser.get(userId) ?? MAIN_ROOM);
  }

  /** Puts a participant into `room` (MAIN_ROOM: back to the main room); NOT_FOUND for a room that does not exist. */
  assign(member: Member, room: number): void {
    if (room !== MAIN_ROOM && (room < 1 || room > this.count)) {
      throw new AppError(ErrorCode.NotFound, `there are ${this.count} breakout rooms`);
    }
    if (room === MAIN_ROOM) {
      this.#rooms.delete(member.peerId);
      this.#members.delete(member.peerId);
    } else {
      this.#rooms.set(member.peerId, room);
      this.#members.set(member.peerId, member);
    }
    if (member.userId !== undefined) {
      if (room === MAIN_ROOM) this.#byUser.delete(member.userId);
      else this.#byUser.set(member.userId, room);
    }
  }

  /** The peer left the meeting (its account's room is kept for a reload). */
  forget(peerId: string): void {
    this.#rooms.delete(peerId);
    this.#members.delete(peerId);
  }

  /** Everyone in a breakout room, for calling them back. */
  assigned(): string[] {
    return [...this.#rooms.keys()];
  }

  /** A breakout room's chat (the main room's is the policy's). */
  chat(room: number): ChatLog {
    let log = this.#chats.get(room);
    if (!log) {
      log = new ChatLog();
      this.#chats.set(room, log);
    }
    return log;
  }

  chatHistory(room: number): ChatMessage[] {
    return this.#chats.get(room)?.history() ?? [];
  }

  /** What everyone in the meeting is told: the rooms with their members, and the timer. */
  state(): BreakoutState {
    const rooms = Array.from({ length: this.count }, (_, i) => ({ number: i + 1, members: [] as BreakoutState['rooms'][number]['members'] }));
    for (const [peerId, room] of this.#rooms) {
      const member = this.#members.get(peerId);
      if (member) rooms[room - 1]?.members.push({ peerId, displayName: member.displayName });
    }
    return { rooms, endsAt: this.endsAt === null ? null : new Date(this.endsAt).toISOString() };
  }
}
