import { ErrorCode, type ChatMessage, type KnockInfo, type ParticipantRole } from '@ca/signaling';
import { AppError } from '../errors.js';
import { TypedEmitter } from '../lib/typedEmitter.js';
import { ChatLog } from './ChatLog.js';
import { Lobby, type Answer } from './Lobby.js';
import type { RoomKind } from './roomKinds.js';

type RoomPolicyEvents = {
  chatMessage: [message: ChatMessage];
  lobbyChanged: [waiting: KnockInfo[]];
  lockChanged: [locked: boolean];
  /** A host removed this user (they stay out for the room's life). */
  userRemoved: [userId: string];
};

type Who = { role: ParticipantRole; userId: string | undefined };
type Guest = { userId: string; displayName: string; country: string; language: string };

/**
 * What the hosts of one room decide, apart from media, and the meeting's rules: who waits
 * in the lobby and who was let in (a booth's guests must be), whether the room is locked,
 * who was removed (never a host), who may be brought on stage (a stage's audience), and the
 * chat. Pure state and rules (no mediasoup, no sockets); the media `Room` owns one and asks
 * it at the door; signaling handlers only translate requests into its calls.
 */
export class RoomPolicy extends TypedEmitter<RoomPolicyEvents> {
  readonly #now: () => number;
  readonly #maxWaiting: number;
  readonly #kind: RoomKind;
  readonly #chat = new ChatLog();
  readonly #lobby = new Lobby(() => this.emit('lobbyChanged', this.#lobby.waiting()));
  /** User ids a host removed; they stay out for the room's life. */
  readonly #removed = new Set<string>();
  #locked = false;

  /**
   * @param options.kind What kind of room (`roomKind` of its id): a booth has a lobby, a stage an audience.
   * @param options.maxWaiting Most guests waiting in the lobby at once.
   */
  constructor(options: { now: () => number; maxWaiting: number; kind: RoomKind }) {
    super();
    this.#now = options.now;
    this.#maxWaiting = options.maxWaiting;
    this.#kind = options.kind;
  }

  get locked(): boolean {
    return this.#locked;
  }

  /** Guests waiting; the room stays open while anyone does. */
  get waitingCount(): number {
    return this.#lobby.size;
  }

  /**
   * Refuses people a host removed, and everyone but hosts while the room is locked
   * (someone `returning` — replacing their own peer after a reload — was already in).
   */
  assertMayEnter(who: Who, options: { returning?: boolean } = {}): void {
    if (who.userId !== undefined && this.#removed.has(who.userId)) {
      throw new AppError(ErrorCode.RemovedByHost, 'a host removed you from this meeting');
    }
    if (this.#locked && who.role !== 'host' && !options.returning) {
      throw new AppError(ErrorCode.RoomLocked, 'the host has locked this room');
    }
  }

  /**
   * `assertMayEnter`, and in a booth a guest must have been let in from the lobby
   * (LOBBY_REQUIRED: knock first) unless `returning` to their own place.
   */
  assertMayJoin(who: Who, options: { returning?: boolean } = {}): void {
    this.assertMayEnter(who, options);
    if (this.#kind === 'booth' && who.role === 'guest' && !options.returning && !this.admitted(who.userId ?? '')) {
      throw new AppError(ErrorCode.LobbyRequired, 'knock and wait for the booth staff to let you in');
    }
  }

  /** A host may remove anyone but a host (themselves included). */
  assertMayRemove(target: Who): void {
    if (target.role === 'host') throw new AppError(ErrorCode.Forbidden, 'hosts cannot be removed');
  }

  /**
   * The role of someone brought on stage (`speaker`) or back (`audience`): only on a stage,
   * and a host is always on stage (CONFLICT otherwise).
   */
  stageRole(current: ParticipantRole, onStage: boolean): ParticipantRole {
    if (this.#kind !== 'stage') throw new AppError(ErrorCode.Conflict, 'only a stage has an audience');
    if (current === 'host') throw new AppError(ErrorCode.Conflict, 'a host is always on stage');
    return onStage ? 'speaker' : 'audience';
  }

  /** Whether a guest was let in from the lobby (for the rest of the room's life). */
  admitted(userId: string): boolean {
    return this.#lobby.isAdmitted(userId);
  }

  /** A guest asks to come in; `answer` tells them when a host decides. */
  knock(guest: Guest & Who, answer: Answer): string {
    this.assertMayEnter(guest);
    if (this.#lobby.size >= this.#maxWaiting) throw new AppError(ErrorCode.RoomFull, 'the lobby is full; try again later');
    return this.#lobby.knock({ ...guest, now: this.#now(), answer });
  }

  cancelKnock(knockId: string, answer?: Answer): void {
    this.#lobby.cancel(knockId, answer);
  }

  admit(knockId: string): void {
    if (!this.#lobby.admit(knockId)) throw new AppError(ErrorCode.NotFound, 'that guest is no longer waiting');
  }

  decline(knockId: string): void {
    if (!this.#lobby.decline(knockId)) throw new AppError(ErrorCode.NotFound, 'that guest is no longer waiting');
  }

  /** Closing: everyone still waiting hears no. */
  declineAll(): void {
    this.#lobby.declineAll();
  }

  waiting(): KnockInfo[] {
    return this.#lobby.waiting();
  }

  setLocked(locked: boolean): void {
    if (this.#locked === locked) return;
    this.#locked = locked;
    this.emit('lockChanged', locked);
  }

  /** A host removed this user: out for the rest of the meeting, admission and knocks gone. */
  removeUser(userId: string): void {
    if (this.#removed.has(userId)) return;
    this.#removed.add(userId);
    this.#lobby.revoke(userId);
    this.#lobby.declineUser(userId);
    this.emit('userRemoved', userId);
  }

  removed(userId: string): boolean {
    return this.#removed.has(userId);
  }

  /** User ids a host removed. */
  removedUsers(): string[] {
    return [...this.#removed];
  }

  addChat(from: { peerId: string; displayName: string }, text: string): ChatMessage {
    const message = this.#chat.add(from, text, this.#now());
    this.emit('chatMessage', message);
    return message;
  }

  /** A message the stage's own node kept (overflow room): kept here too and announced like one written here. */
  recordChat(message: ChatMessage): void {
    this.#chat.record(message);
    this.emit('chatMessage', message);
  }

  chatHistory(): ChatMessage[] {
    return this.#chat.history();
  }
}
