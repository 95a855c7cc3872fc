import { ErrorCode, type BreakoutState, type ChatMessage } from '@ca/signaling';
import { AppError } from '../errors.js';
import { Breakouts, MAIN_ROOM } from '../meeting/Breakouts.js';
import type { Peer } from './Peer.js';

/** What the breakout rooms need of their meeting's `Room`. */
export type BreakoutHost = {
  peers(): Iterable<Peer>;
  /** A participant of the room; NOT_FOUND when there is none. */
  peer(peerId: string): Peer;
  /** A stage: its audience speaks while in a breakout room (back in the audience afterwards). */
  stage: boolean;
  /** The wall clock the timer counts on. */
  now(): number;
  /** `peer` moved from one room to another (its role changed with it when `roleChanged`). */
  moved(peer: Peer, from: number, to: number, roleChanged: boolean): void;
  /** The rooms opened, someone moved, or they closed (null). */
  changed(state: BreakoutState | null): void;
};

/**
 * A meeting's breakout rooms on one router: everyone stays in the same mediasoup room
 * and keeps their transports and producers; who receives whom follows the numbered rooms
 * (consumers only between people in the same room). Moving someone closes the consumers
 * between them and their old room; the room's pushes then tell both rooms and the mover.
 * Participants therefore move without a reload, a new transport or another device check.
 */
export class RoomBreakouts {
  readonly #host: BreakoutHost;
  #open: Breakouts | null = null;
  #timer: NodeJS.Timeout | undefined;
  /** Stage audience members who speak while in a breakout room (back to the audience on return). */
  readonly #promoted = new Set<string>();

  constructor(host: BreakoutHost) {
    this.#host = host;
  }

  get isOpen(): boolean {
    return this.#open !== null;
  }

  /** The room a participant is in: 0 the main room, 1… a breakout room. */
  groupOf(peerId: string): number {
    return this.#open?.roomOf(peerId) ?? MAIN_ROOM;
  }

  state(): BreakoutState | null {
    return this.#open?.state() ?? null;
  }

  /** Opens `count` rooms; 'auto' spreads everyone but the hosts over them. CONFLICT when rooms are open already. */
  open(count: number, split: 'auto' | 'manual', minutes: number | undefined): void {
    if (this.#open) throw new AppError(ErrorCode.Conflict, 'breakout rooms are open already');
    const endsAt = minutes === undefined ? null : this.#host.now() + minutes * 60_000;
    this.#open = new Breakouts(count, endsAt);
    if (endsAt !== null) {
      this.#timer = setTimeout(() => this.close(), endsAt - this.#host.now());
      this.#timer.unref();
    }
    this.#host.changed(this.#open.state());
    if (split === 'manual') return;
    const others = [...this.#host.peers()].filter((p) => p.role !== 'host');
    // Everyone is placed first, so each is told their room with all its members in it.
    const moves = Breakouts.split(others, count).map(({ who, room }) => this.#place(who, room));
    for (const move of moves) if (move) this.#host.moved(move.peer, move.from, move.to, move.roleChanged);
    this.#host.changed(this.#open.state());
  }

  /** Moves a participant into a breakout room (or back: MAIN_ROOM); false when they are there already. */
  move(peerId: string, room: number): boolean {
    if (!this.#open) throw new AppError(ErrorCode.Conflict, 'no breakout rooms are open');
    return this.#move(this.#host.peer(peerId), room);
  }

  /** Calls everyone back to the main room and closes the rooms (the timer's end, a host, the room closing). */
  close(): void {
    const open = this.#open;
    if (!open) return;
    clearTimeout(this.#timer);
    for (const peerId of open.assigned()) {
      const peer = [...this.#host.peers()].find((p) => p.id === peerId);
      if (peer) this.#move(peer, MAIN_ROOM);
    }
    this.#open = null;
    this.#promoted.clear();
    this.#host.changed(null);
  }

  /** A new peer of an account that was in a breakout room (a reload) goes back into it. */
  placeNew(peer: Peer): void {
    const room = this.#open?.roomForUser(peer.userId) ?? MAIN_ROOM;
    if (room === MAIN_ROOM || !this.#open) return;
    this.#open.assign(member(peer), room);
    if (this.#host.stage && peer.role === 'audience' && peer.changeRole('speaker')) this.#promoted.add(peer.id);
    this.#host.changed(this.#open.state());
  }

  /** A participant left the meeting (after the room told the others). */
  left(peerId: string): void {
    this.#promoted.delete(peerId);
    if (!this.#open || this.#open.roomOf(peerId) === MAIN_ROOM) return;
    this.#open.forget(peerId);
    this.#host.changed(this.#open.state());
  }

  /** Posts to a breakout room's chat (the main room's chat is the policy's). */
  addChat(room: number, from: { peerId: string; displayName: string }, text: string, at: number): ChatMessage {
    if (!this.#open) throw new AppError(ErrorCode.Conflict, 'no breakout rooms are open');
    return this.#open.chat(room).add(from, text, at);
  }

  chatHistory(room: number): ChatMessage[] {
    return this.#open?.chatHistory(room) ?? [];
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#open = null;
  }

  #move(peer: Peer, to: number): boolean {
    const move = this.#place(peer, to);
    if (!move || !this.#open) return false;
    this.#host.moved(peer, move.from, to, move.roleChanged);
    this.#host.changed(this.#open.state());
    return true;
  }

  /** Puts a participant into a room and stops the media between them and their old one; the move is announced by the caller. */
  #place(peer: Peer, to: number): { peer: Peer; from: number; to: number; roleChanged: boolean } | null {
    const open = this.#open;
    if (!open) return null;
    const from = open.roomOf(peer.id);
    if (from === to) return null;
    open.assign(member(peer), to);
    for (const other of this.#host.peers()) {
      if (other === peer || open.roomOf(other.id) !== from) continue;
      peer.dropConsumersOf(other.id);
      other.dropConsumersOf(peer.id);
    }
    let roleChanged = false;
    if (this.#host.stage && to !== MAIN_ROOM && peer.role === 'audience') {
      roleChanged = peer.changeRole('speaker');
      if (roleChanged) this.#promoted.add(peer.id);
    } else if (to === MAIN_ROOM && this.#promoted.delete(peer.id)) {
      roleChanged = peer.changeRole('audience');
    }
    return { peer, from, to, roleChanged };
  }
}

function member(peer: Peer): { peerId: string; userId: string | undefined; displayName: string } {
  return { peerId: peer.id, userId: peer.userId, displayName: peer.displayName };
}
