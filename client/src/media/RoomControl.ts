import type {
  BreakoutBroadcast,
  BreakoutState,
  ChatMessage,
  HostMuteSource,
  KnockInfo,
  PeerInfo,
  RequestName,
  RequestPayload,
  ResponsePayload,
  RoomState,
} from '@ca/signaling';
import type { NoticeAction, RoomView } from './meetingTypes';

/** Most chat lines kept in memory; older ones drop off the top. */
const MAX_CHAT = 500;

/** Sends one request for the person; a failure has become a notice and the answer is null. */
export type Act = <K extends RequestName>(name: K, payload: RequestPayload<K>, action: NoticeAction) => Promise<ResponsePayload<K> | null>;

/** Whether a room id names a stage (agenda session) room. */
export const isStageRoom = (roomId: string): boolean => roomId.startsWith('stage-');

/** Whether a room id names an instant (demo) room: no appointment, booth or stage behind it. */
export const isInstantRoom = (roomId: string): boolean => !/^(appt|booth|stage)-/.test(roomId);

/**
 * The shared state of the room (lock, active speaker, chat, lobby, your raised
 * hand) and the requests that change it: chat, hand, and the host's controls.
 * Every action resolves; a refusal (FORBIDDEN for non-hosts) becomes a notice.
 */
export class RoomControl {
  readonly #act: Act;
  readonly #emit: () => void;
  #room: RoomView = {
    locked: false,
    activeSpeakerPeerId: null,
    chat: [],
    lobby: [],
    overflow: false,
    overflowAudience: 0,
    recording: false,
    recordingConsent: null,
    breakouts: null,
    breakout: null,
    broadcast: null,
    interpretInto: [],
  };
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
      recording: state.recording ?? false,
      // A resume keeps your answer; a new join is asked again by the server (`recordingConsentRequested`).
      recordingConsent: state.recording ? this.#room.recordingConsent : null,
      breakouts: state.breakouts ?? null,
      breakout: state.breakout ?? null,
      interpretInto: state.interpretInto ?? [],
      broadcast: this.#room.broadcast,
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

  /** The recording started or stopped; a stop forgets your answer (the next recording asks again). */
  recordingChanged(recording: boolean): void {
    this.#set({ ...this.#room, recording, recordingConsent: recording ? this.#room.recordingConsent : null });
  }

  /** The server asks whether you may be recorded. */
  recordingConsentAsked(): void {
    this.#set({ ...this.#room, recording: true, recordingConsent: 'asked' });
  }

  recordingConsentNoted(recorded: boolean): void {
    this.#set({ ...this.#room, recordingConsent: recorded ? 'recorded' : 'declined' });
  }

  setBreakouts(breakouts: BreakoutState | null): void {
    this.#set({ ...this.#room, breakouts, ...(breakouts === null && { broadcast: null }) });
  }

  /** You were moved to another room of the meeting: its chat and speaker replace the old room's. */
  movedTo(room: number | null, chat: readonly ChatMessage[], activeSpeakerPeerId: string | null): void {
    this.#set({ ...this.#room, breakout: room, chat: chat.slice(-MAX_CHAT), activeSpeakerPeerId });
  }

  setBroadcast(message: BreakoutBroadcast | null): void {
    this.#set({ ...this.#room, broadcast: message });
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

  /** Host: starts or stops the server-side recording. */
  async setRecording(recording: boolean): Promise<void> {
    if (recording) {
      if (await this.#act('startRecording', {}, 'host')) this.recordingChanged(true);
    } else if (await this.#act('stopRecording', {}, 'host')) this.recordingChanged(false);
  }

  /** Your answer to the recording question; declined, nothing of yours is recorded. */
  async answerRecordingConsent(consent: boolean): Promise<void> {
    if (await this.#act('recordingConsent', { consent }, 'host')) this.recordingConsentNoted(consent);
  }

  async setOnStage(peerId: string, onStage: boolean): Promise<void> {
    await this.#act('setOnStage', { peerId, onStage }, 'host');
  }

  /** Host: opens breakout rooms ('auto' spreads everyone else over them), with an optional timer in minutes. */
  async openBreakouts(rooms: number, split: 'auto' | 'manual', minutes?: number): Promise<void> {
    await this.#act('openBreakouts', { rooms, split, ...(minutes !== undefined && { minutes }) }, 'host');
  }

  /** Host: moves someone (yourself: a visit) into a breakout room, or back to the main room (null). */
  async moveToBreakout(peerId: string, room: number | null): Promise<void> {
    await this.#act('moveToBreakout', { peerId, room }, 'host');
  }

  /** Host: a message to every room; resolves true once sent. */
  async broadcastToBreakouts(text: string): Promise<boolean> {
    return (await this.#act('broadcastToBreakouts', { text: text.trim() }, 'host')) !== null;
  }

  /** Host: calls everyone back to the main room. */
  async closeBreakouts(): Promise<void> {
    await this.#act('closeBreakouts', {}, 'host');
  }

  #set(room: RoomView): void {
    this.#room = room;
    this.#emit();
  }
}
