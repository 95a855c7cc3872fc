import type { BreakoutBroadcast, BreakoutState, ChatMessage, KnockInfo, MediaSource, ParticipantRole } from '@ca/signaling';
import type { types as ms } from 'mediasoup-client';
import type { SignalingClientOptions } from '../api/signaling';
import type { CapturedMedia, DeviceChoice } from './localMedia';
import type { ConnectionQuality } from './networkQuality';
import type { Problem } from './problems';
import type { MediaEngine } from './engine/MediaEngine';

/**
 * connecting → (lobby →) joined ⇄ reconnecting → left (the person left) | ended (room
 * closed, removed, connection lost for good); connecting | lobby → failed (could not
 * join). The last three are final: rejoin with a new client.
 */
export type MeetingStatus = 'connecting' | 'lobby' | 'joined' | 'reconnecting' | 'left' | 'ended' | 'failed';

/** What this participant can send. `screen` also carries `screen-audio` when the browser offers it. */
export type LocalSource = 'microphone' | 'camera' | 'screen';

export type LocalSourceView = {
  /** 'paused': producing but muted / camera off (by you or by a host). */
  state: 'off' | 'on' | 'paused';
  /** A change is in flight; controls should wait. */
  busy: boolean;
  track: MediaStreamTrack | null;
};

/** One track on a tile: a consumer's track for others, the captured track for yourself. */
export type MediaView = {
  source: MediaSource;
  producerId: string | null;
  /** null until the consumer is ready. */
  track: MediaStreamTrack | null;
  /** The sender muted the microphone or turned the camera off. */
  paused: boolean;
  /** An interpretation channel's language. */
  language?: string;
};

export type ParticipantView = {
  peerId: string;
  displayName: string;
  isSelf: boolean;
  /** null for yourself before the join answer. */
  role: ParticipantRole | null;
  handRaised: boolean;
  /** Their connection dropped; the server keeps their place while they reconnect. */
  away: boolean;
  /** The server names them the active speaker. */
  speaking: boolean;
  /** How well their media reaches you (yours: your own connection); null until measured. */
  quality: ConnectionQuality | null;
  media: Partial<Record<MediaSource, MediaView>>;
  /** Their identity on the stage's media engine when it is not mediasoup (a LiveKit stage). */
  mediaIdentity?: string;
  /** An assigned interpreter: heard through their channel; no tile unless they send video. */
  interpreter?: boolean;
};

/** What the person was doing when something failed; the UI phrases the notice from it. */
export type NoticeAction = 'receive' | 'microphone' | 'camera' | 'screen' | 'connection' | 'chat' | 'host' | 'hand';

/** Things that happened to you, not failures. */
export type InfoCode = 'mutedMicrophone' | 'mutedCamera' | 'onStage' | 'toAudience' | 'breakoutJoined' | 'breakoutReturned';

export type ProblemNotice = {
  id: number;
  kind: 'problem';
  action: NoticeAction;
  problem: Problem;
  /** Whose media, for 'receive'. */
  subject?: string;
};
export type InfoNotice = { id: number; kind: 'info'; info: InfoCode };
export type Notice = ProblemNotice | InfoNotice;

/** The shared state of the room as this participant sees it. */
export type RoomView = {
  locked: boolean;
  activeSpeakerPeerId: string | null;
  chat: readonly ChatMessage[];
  /** Guests waiting to be let in (hosts only; empty for everyone else). */
  lobby: readonly KnockInfo[];
  /** Watching a stage from an overflow server (its own server was full): view-only, with chat. */
  overflow: boolean;
  /** Stage: how many watch from overflow servers (they are not among the participants). */
  overflowAudience: number;
  /** The server records the meeting now (everyone sees the indicator). */
  recording: boolean;
  /**
   * Your part in the recording: 'asked' (answer with `answerRecordingConsent`), 'recorded',
   * 'declined' (you are left out), or null (not asked: no recording, or you are a host).
   */
  recordingConsent: 'asked' | 'recorded' | 'declined' | null;
  /** Breakout rooms while open: who is in which, and when the timer calls everyone back. */
  breakouts: BreakoutState | null;
  /** Languages you were assigned to interpret into (empty: none). */
  interpretInto: readonly string[];
  /** The breakout room you are in (null: the main room). */
  breakout: number | null;
  /** The hosts' latest message to all rooms (null: none, or dismissed). */
  broadcast: BreakoutBroadcast | null;
};

export type MeetingSnapshot = {
  roomId: string;
  /** Whose media server carries the meeting: ours ('sfu') or LiveKit (a LiveKit stage). */
  engine: 'sfu' | 'livekit';
  displayName: string;
  status: MeetingStatus;
  selfPeerId: string | null;
  /** null until joined. */
  role: ParticipantRole | null;
  /** You first, then the others in the order they were seen. */
  participants: readonly ParticipantView[];
  local: Readonly<Record<LocalSource, LocalSourceView>>;
  room: RoomView;
  handRaised: boolean;
  /**
   * Your connection is poor, so incoming camera video and your own higher camera
   * layers are paused to keep the audio clear. `turnVideoBackOn()` overrides it.
   */
  audioFirst: boolean;
  /** The server announced a restart: the room closes at this instant (ISO) at the latest. */
  drainingDeadline: string | null;
  /** Failed requests, media problems and things a host did to you, newest last. */
  notices: readonly Notice[];
  /** Why the meeting ended or could not be joined. */
  endReason: Problem | null;
  /**
   * Interpretation: the language channels live in the room, the one you listen to (null: the
   * floor) and the one you interpret into (null: none).
   */
  interpretation: { channels: readonly string[]; listening: string | null; interpreting: string | null };
  /** In a booth's lobby: your place in line, how many wait, hosts in the room, the estimated wait (null: unknown). */
  line: LobbyLine | null;
};

export type LobbyLine = { position: number; waiting: number; hosts: number; etaMinutes: number | null };

/** Where a video tile is on screen, reported by the UI so only what is seen is received, at the size seen. */
export type VideoView = {
  visible: boolean;
  /** Rendered width in device pixels. */
  width: number;
};

export type MeetingClientOptions = {
  roomId: string;
  displayName: string;
  /** Meeting token (appointment, booth walk-in or stage); demo rooms need none. */
  token?: string;
  /** Already open tracks to send from the start (from the pre-join preview); the client owns them from now on. */
  tracks?: { camera?: MediaStreamTrack | null; microphone?: MediaStreamTrack | null };
  /** Devices to open when the camera or microphone is turned on later. */
  devices?: DeviceChoice;
  signaling?: SignalingClientOptions;
  /** Opens camera and microphone when brought on stage; default `captureCameraAndMicrophone`. Tests pass fakes. */
  capture?: (devices: DeviceChoice) => Promise<CapturedMedia>;
  /** mediasoup-client handler; default: detected from the browser. Tests pass FakeHandler's factory. */
  handlerFactory?: ms.HandlerFactory;
  /** How often connection quality is measured, in ms (0: never). Default 2 000. */
  statsIntervalMs?: number;
  /** How long to keep trying after the connection dropped before giving up, in ms. Default 120 000. */
  reconnectGiveUpMs?: number;
  /**
   * Media on another engine (a LiveKit stage): loads it (a dynamic import, so its library is only
   * downloaded for such a stage). Default: mediasoup, as every other room.
   */
  engine?: () => Promise<MediaEngine>;
};
