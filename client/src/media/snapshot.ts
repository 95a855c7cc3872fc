import type { ParticipantRole } from '@ca/signaling';
import type { LobbyLine, MeetingSnapshot, MeetingStatus, Notice, ParticipantView, RoomView } from './meetingTypes';
import type { MediaEngine } from './engine/MediaEngine';
import type { Problem } from './problems';
import type { QualityMonitor } from './QualityMonitor';
import type { RemotePeers, RosterView } from './RemotePeers';

export type SnapshotParts = {
  roomId: string;
  displayName: string;
  status: MeetingStatus;
  selfPeerId: string | null;
  role: ParticipantRole | null;
  peers: RemotePeers;
  room: RoomView;
  handRaised: boolean;
  quality: QualityMonitor;
  drainingDeadline: string | null;
  notices: readonly Notice[];
  endReason: Problem | null;
  /** Carries the media: local and remote media, speaking, quality and interpretation come from it. */
  engine: MediaEngine;
  /** Our place in a booth's walk-in line (null: not waiting). */
  line: LobbyLine | null;
};

const FINAL: readonly MeetingStatus[] = ['left', 'ended', 'failed'];

/** The immutable view of a meeting the UI renders: you first, then everyone else. */
export function buildSnapshot(parts: SnapshotParts): MeetingSnapshot {
  const { selfPeerId, room, engine } = parts;
  const local = { microphone: engine.local('microphone'), camera: engine.local('camera'), screen: engine.local('screen') };
  const selfMedia: ParticipantView['media'] = {};
  for (const source of ['microphone', 'camera', 'screen'] as const) {
    const view = local[source];
    if (!view.track) continue;
    selfMedia[source] = { source, producerId: engine.localId(source), track: view.track, paused: view.state === 'paused' };
  }
  const self: ParticipantView = {
    peerId: selfPeerId ?? 'self',
    displayName: parts.displayName,
    isSelf: true,
    role: parts.role,
    handRaised: parts.handRaised,
    away: false,
    speaking: engine.speaking(null) && !muted(selfMedia),
    quality: engine.quality(null),
    media: selfMedia,
  };
  const ended = FINAL.includes(parts.status);
  const others = parts.peers.roster().map((p) => withMedia(p, engine));
  const channels = new Set(others.flatMap((p) => (p.media.interpretation?.language ? [p.media.interpretation.language] : [])));
  const interpreting = engine.interpreting;
  if (interpreting) channels.add(interpreting);
  return {
    roomId: parts.roomId,
    engine: engine.kind,
    displayName: parts.displayName,
    status: parts.status,
    selfPeerId,
    role: parts.role,
    participants: ended ? [] : [self, ...others],
    interpretation: { channels: [...channels].sort(), listening: engine.listening, interpreting },
    line: parts.line,
    local,
    room,
    handRaised: parts.handRaised,
    audioFirst: parts.quality.audioFirst,
    drainingDeadline: parts.drainingDeadline,
    notices: parts.notices,
    endReason: parts.endReason,
  };
}

/** A participant's tile shows the engine's tracks, speaking and quality (matched by mediaIdentity; on our SFU the peer id). */
function withMedia(peer: RosterView, engine: MediaEngine): ParticipantView {
  const identity = peer.mediaIdentity ?? peer.peerId;
  const media = engine.mediaOf(identity);
  return { ...peer, media, speaking: engine.speaking(identity) && !muted(media), quality: engine.quality(identity) };
}

/**
 * A muted microphone is never shown speaking: the SFU's speaker detection keeps its last choice
 * until someone else out-talks them, which would leave "Speaking" on a muted tile.
 */
function muted(media: ParticipantView['media']): boolean {
  return media.microphone?.paused ?? true;
}
