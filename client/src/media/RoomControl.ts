import type { ChatMessage, HostMuteSource, KnockInfo, PeerInfo, RequestName, RequestPayload, ResponsePayload, RoomState } from '@ca/signaling';
import type { NoticeAction, RoomView } from './meetingTypes';

/** Most chat lines kept in memory; older ones drop off the top. */
const MAX_CHAT = 500;

/** Sends one request for the person; a failure has become a notice and the answer is null. */
export type Act = <K extends RequestName>(name: K, payload: RequestPayload<K>, action: NoticeAction) => Promise<ResponsePayload<K> | null>;

/** Whether a room id names a stage (agenda session) room. */
export const isStageRoom = (roomId: string): boolean => roomId.startsWith('stage-');

/**
 * The shared state of the room (lock, active speaker, chat, lobby, your raised
 * hand) and the requests that change it: chat, hand, and the host's controls.
 * Every action resolves; a refusal (FORBIDDEN for non-hosts) becomes a notice.
 */
export class RoomControl {
  readonly #act: Act;
  readonly #emit: () => void;
  #room: RoomView = { locked: false, activeSpeakerPeerId: null, chat: [], lobby: [], overflow: false, overflowAudience: 0 };
  #handRaised = false;

  constructor(options: { act: Act; emit: () => void }) {
    this.#act = options.act;
    this.#emit = options.emit;
  }

  get view(): RoomView {
    return this.#room;
  }

  get handRaised(): boolean {
    return this.#handRaised;
  }

  /** The room as a join or resume answer describes it. */
  reset(state: RoomState): void {
    this.#room = {
      locked: state.locked,
      activeSpeakerPeerId: state.activeSpeakerPeerId,
      chat: state.chat.slice(-MAX_CHAT),
      lobby: state.lobby,
      overflow: state.overflow ?? false,
      overflowAudience: state.overflowAudience ?? 0,
    };
    this.#handRaised = false;
  }

  // ---- pushes ---------------------------------------------------------------

  setActiveSpeaker(peerId: string | null): void {
    this.#set({ ...this.#room, activeSpeakerPeerId: peerId });
  }

  /** Adds a chat line once (the sender's ack and a push may both carry it). */
  addMessage(message: ChatMessage): void {
    if (this.#room.chat.some((m) => m.id === message.id)) return;
    this.#set({ ...this.#room, chat: [...this.#room.chat, message].slice(-MAX_CHAT) });
  }

  setLobby(waiting: readonly KnockInfo[]): void {
    this.#set({ ...this.#room, lobby: waiting });
  }

  setOverflowAudience(count: number): void {
    this.#set({ ...this.#room, overflowAudience: count });
  }

  setLocked(locked: boolean): void {
    this.#set({ ...this.#room, locked });
  }

  /** A `peerUpdated` about yourself. */
  updateSelf(peer: PeerInfo): void {
    this.#handRaised = peer.handRaised;
    this.#emit();
  }

  // ---- actions --------------------------------------------------------------

  /** Sends a chat line; resolves true once the server took it. */
  async sendChat(text: string): Promise<boolean> {
    const answer = await this.#act('sendChat', { text: text.trim() }, 'chat');
    if (answer) this.addMessage(answer.message);
    return answer !== null;
  }

  async raiseHand(raised: boolean): Promise<void> {
    const before = this.#handRaised;
    this.#handRaised = raised;
    this.#emit();
    if (await this.#act('raiseHand', { raised }, 'hand')) return;
    this.#handRaised = before;
    this.#emit();
  }

  async admit(knockId: string): Promise<void> {
    await this.#act('admit', { knockId }, 'host');
  }

  async decline(knockId: string): Promise<void> {
    await this.#act('decline', { knockId }, 'host');
  }

  async setRoomLocked(locked: boolean): Promise<void> {
    if (await this.#act('lockRoom', { locked }, 'host')) this.setLocked(locked);
  }

  async muteParticipant(peerId: string, source: HostMuteSource): Promise<void> {
    await this.#act('muteParticipant', { peerId, source }, 'host');
  }

  async removeParticipant(peerId: string): Promise<void> {
    await this.#act('removeParticipant', { peerId }, 'host');
  }

  async setOnStage(peerId: string, onStage: boolean): Promise<void> {
    await this.#act('setOnStage', { peerId, onStage }, 'host');
  }

  #set(room: RoomView): void {
    this.#room = room;
    this.#emit();
  }
}
