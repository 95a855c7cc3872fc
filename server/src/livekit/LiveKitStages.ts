import { CHANNEL_TRACK_PREFIX, mayPublishTrack, roleSends, type HostMuteSource, type ParticipantRole } from '@ca/signaling';
import { RoomServiceClient, TrackSource, type WebhookEvent } from 'livekit-server-sdk';
import type { LiveKitConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Room } from '../media/Room.js';
import type { Rooms } from '../media/Rooms.js';
import { roomKind } from '../meeting/roomKinds.js';
import type { StageMediaControls } from '../realtime/types.js';
import type { StageMediaTickets } from '../services/meetings.js';
import { stageToken } from './tokens.js';

export type LiveKitStagesOptions = {
  config: LiveKitConfig;
  log: Logger;
  /** The platform's clock, epoch ms. */
  now: () => number;
};

/** LiveKit's RoomService speaks HTTP on the host browsers reach over WebSocket. */
export const apiUrlOf = (url: string): string => url.replace(/^ws(s?):/, 'http$1:');

/** Whether a host brought this user on stage in our room (one of their peers is a speaker). */
const speaking = (room: Room | undefined, userId: string): boolean =>
  room?.peerInfos().some((p) => p.role === 'speaker' && room.getPeer(p.peerId)?.userId === userId) ?? false;

const SOURCES: Record<HostMuteSource, TrackSource> = { microphone: TrackSource.MICROPHONE, camera: TrackSource.CAMERA };

/**
 * Stages whose media runs on LiveKit. Our own stage room (Socket.io: roster, chat, hands, lobby,
 * lock, removals) stays the single place where hosts decide; this mirrors its decisions onto
 * LiveKit through the RoomService API, and issues LiveKit tokens only to whom it lets in:
 * - on stage / back: the participant's `canPublish` permission follows their role;
 * - removal: the participant is removed from the LiveKit room and gets no new token;
 * - lock: nobody but hosts gets a new token;
 * - mute: the published microphone or camera track is muted by the server.
 */
export class LiveKitStages implements StageMediaTickets, StageMediaControls {
  readonly #config: LiveKitConfig;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #client: RoomServiceClient;
  #rooms: Rooms | undefined;

  constructor(options: LiveKitStagesOptions) {
    this.#config = options.config;
    this.#log = options.log;
    this.#now = options.now;
    this.#client = new RoomServiceClient(apiUrlOf(options.config.url), options.config.apiKey, options.config.apiSecret);
  }

  /** The RoomService client (tests and the operations of other modules use the same one). */
  get client(): RoomServiceClient {
    return this.#client;
  }

  /** Watches the stage rooms this node holds, to mirror their hosts' decisions onto LiveKit. */
  attach(rooms: Rooms): void {
    this.#rooms = rooms;
    rooms.on('roomCreated', (room) => {
      if (roomKind(room.id) === 'stage') this.#watch(room);
    });
  }

  async ticket(input: {
    roomId: string;
    userId: string;
    name: string;
    moderator: boolean;
    until: number;
    interprets?: readonly string[] | undefined;
  }): Promise<{ url: string; token: string }> {
    const room = this.#rooms?.get(input.roomId);
    const role: ParticipantRole = input.moderator ? 'host' : input.interprets?.length ? 'speaker' : 'audience';
    // Removed users and (for non-hosts) a locked stage get no token: the same door as our socket join.
    room?.assertMayEnter({ role, userId: input.userId });
    const onStage = speaking(room, input.userId);
    const token = await stageToken(this.#config, { ...input, onStage, now: this.#now() });
    return { url: this.#config.url, token };
  }

  async mute(roomId: string, userId: string, source: HostMuteSource): Promise<boolean> {
    const participant = await this.#client.getParticipant(roomId, userId).catch(() => undefined);
    const track = participant?.tracks.find((t) => t.source === SOURCES[source] && !t.muted);
    if (!track) return false;
    await this.#client.mutePublishedTrack(roomId, userId, track.sid, true);
    return true;
  }

  /** Lets a participant publish or not (on stage and back), on their live connection. */
  async setPublishing(roomId: string, userId: string, publishes: boolean): Promise<void> {
    await this.#client.updateParticipant(roomId, userId, {
      permission: { canSubscribe: true, canPublish: publishes, canPublishData: publishes },
    });
  }

  /**
   * A participant reached LiveKit (verified webhook): if a host brought them on stage after their
   * token was issued, they get the permission now (the update before they connected found nobody).
   */
  reconcile(event: WebhookEvent): void {
    const roomId = event.room?.name;
    const userId = event.participant?.identity;
    if (event.event === 'track_published' && roomId && userId && event.track) {
      this.#guardChannel(roomId, userId, event);
      return;
    }
    if (event.event !== 'participant_joined' || !roomId || !userId || roomKind(roomId) !== 'stage') return;
    if (!speaking(this.#rooms?.get(roomId), userId) || event.participant?.permission?.canPublish) return;
    this.setPublishing(roomId, userId, true).catch((err: unknown) =>
      this.#log.info({ err, roomId, userId }, 'livekit: permission not updated on join'),
    );
  }

  /**
   * An interpretation channel opened into a language its publisher was not assigned: the server mutes
   * it. Webhooks carry no participant attributes, so the participant (with the token's) is looked up.
   */
  #guardChannel(roomId: string, userId: string, event: WebhookEvent): void {
    const track = event.track;
    if (!track || !track.name.startsWith(CHANNEL_TRACK_PREFIX)) return;
    void (async () => {
      const participant = await this.#client.getParticipant(roomId, userId);
      if (mayPublishTrack(participant.attributes, track.name)) return;
      await this.#client.mutePublishedTrack(roomId, userId, track.sid, true);
      this.#log.info({ roomId, userId, track: track.name }, 'livekit: muted a channel in a language not assigned');
    })().catch((err: unknown) => this.#log.info({ err, roomId, userId }, 'livekit: channel not checked (participant gone)'));
  }

  #watch(room: Room): void {
    const roles = new Map<string, ParticipantRole>();
    room.on('peerJoined', (info) => roles.set(info.peerId, info.role));
    room.on('peerLeft', (peerId) => roles.delete(peerId));
    room.on('peerUpdated', (info) => {
      const before = roles.get(info.peerId);
      roles.set(info.peerId, info.role);
      const userId = room.getPeer(info.peerId)?.userId;
      if (before === undefined || before === info.role || userId === undefined || info.role === 'host') return;
      this.setPublishing(room.id, userId, roleSends(info.role)).then(
        () => this.#log.info({ roomId: room.id, userId, role: info.role }, 'livekit: publish permission follows the stage role'),
        // Not connected to LiveKit (yet): their next token carries the role.
        (err: unknown) => this.#log.info({ err, roomId: room.id, userId }, 'livekit: permission not updated'),
      );
    });
    room.policy.on('userRemoved', (userId) => {
      this.#client.removeParticipant(room.id, userId).then(
        () => this.#log.info({ roomId: room.id, userId }, 'livekit: removed participant'),
        (err: unknown) => this.#log.info({ err, roomId: room.id, userId }, 'livekit: nobody to remove (not connected)'),
      );
    });
  }
}
