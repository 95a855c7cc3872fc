import type { MediaSource } from '@ca/signaling';
import type { types as ms } from 'mediasoup-client';
import type { SignalingClientOptions } from '../api/signaling';
import type { DeviceChoice } from './localMedia';
import type { Problem } from './problems';

/**
 * connecting → joined → left (the person left) | ended (room closed, connection lost);
 * connecting → failed (could not join). The last three are final: rejoin with a new client.
 */
export type MeetingStatus = 'connecting' | 'joined' | 'left' | 'ended' | 'failed';

/** What this participant can send. `screen` also carries `screen-audio` when the browser offers it. */
export type LocalSource = 'microphone' | 'camera' | 'screen';

export type LocalSourceView = {
  /** 'paused': producing but muted / camera off. */
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
};

export type ParticipantView = {
  peerId: string;
  displayName: string;
  isSelf: boolean;
  media: Partial<Record<MediaSource, MediaView>>;
};

/** What the person was doing when something failed; the UI phrases the notice from it. */
export type NoticeAction = 'receive' | 'microphone' | 'camera' | 'screen' | 'connection';

export type Notice = {
  id: number;
  action: NoticeAction;
  problem: Problem;
  /** Whose media, for 'receive'. */
  subject?: string;
};

export type MeetingSnapshot = {
  roomId: string;
  displayName: string;
  status: MeetingStatus;
  selfPeerId: string | null;
  /** You first, then the others in the order they were seen. */
  participants: readonly ParticipantView[];
  local: Readonly<Record<LocalSource, LocalSourceView>>;
  /** Failed requests and media problems, newest last. */
  notices: readonly Notice[];
  /** Why the meeting ended or could not be joined. */
  endReason: Problem | null;
};

export type MeetingClientOptions = {
  roomId: string;
  displayName: string;
  /** Meeting token for appointment rooms (from `POST /api/appointments/:id/join`); demo rooms need none. */
  token?: string;
  /** Already open tracks to send from the start (from the pre-join preview); the client owns them from now on. */
  tracks?: { camera?: MediaStreamTrack | null; microphone?: MediaStreamTrack | null };
  /** Devices to open when the camera or microphone is turned on later. */
  devices?: DeviceChoice;
  signaling?: SignalingClientOptions;
  /** mediasoup-client handler; default: detected from the browser. Tests pass FakeHandler's factory. */
  handlerFactory?: ms.HandlerFactory;
};
