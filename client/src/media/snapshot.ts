import type { ParticipantRole } from '@ca/signaling';
import type { LobbyLine, MeetingSnapshot, MeetingStatus, Notice, ParticipantView, RoomView } from './meetingTypes';
import type { MediaEngine } from './engine/MediaEngine';
import type { Problem } from './problems';
import type { QualityMonitor } from './QualityMonitor';
import type { RemotePeers } from './RemotePeers';
import type { Sender } from './Sender';

export type SnapshotParts = {
  roomId: string;
  displayName: string;
  status: MeetingStatus;
  selfPeerId: string | null;
  role: ParticipantRole | null;
  sender: Sender;
  peers: RemotePeers;
  room: RoomView;
  handRaised: boolean;
  quality: QualityMonitor;
  drainingDeadline: string | null;
  notices: readonly Notice[];
  endReason: Problem | null;
  /** Media on another engine (a LiveKit stage): local and remote media, speaking and quality come from it. */
  engine: MediaEngine | null;
  /** The interpretation channel listened to (null: the floor). */
  listening: string | null;
  /** Our place in a booth's walk-in line (null: not waiting). */
  line: LobbyLine | null;
};

const FINAL: readonly MeetingStatus[] = ['left', 'ended', 'failed'];

/** The immutable view of a meeting the UI renders: you first, then everyone else. */
export function buildSnapshot(parts: SnapshotParts): MeetingSnapshot {
  const { sender, selfPeerId, room, engine } = parts;
  const view = (source: 'microphone' | 'camera' | 'screen') => (engine ? engine.local(source) : sender.view(source));
  const local = { microphone: view('microphone'), camera: view('camera'), screen: view('screen') };
  const selfMedia: ParticipantView['media'] = {};
  for (const source of ['microphone', 'camera', 'screen'] as const) {
    const view = local[source];
    if (!view.track) continue;
    selfMedia[source] = { source, producerId: engine ? null : sender.producerId(source), track: view.track, paused: view.state === 'paused' };
  }
  const speaker = room.activeSpeakerPeerId;
  const self: ParticipantView = {
    peerId: selfPeerId ?? 'self',
    displayName: parts.displayName,
    isSelf: true,
    role: parts.role,
    handRaised: parts.handRaised,
    away: false,
    speaking: engine ? engine.speaking(null) : selfPeerId !== null && speaker === selfPeerId,
    quality: engine ? engine.quality(null) : parts.quality.quality,
    media: selfMedia,
  };
  const ended = FINAL.includes(parts.status);
  const others = parts.peers.views(speaker).map((p) => withEngineMedia(p, engine));
  const channels = new Set(others.flatMap((p) => (p.media.interpretation?.language ? [p.media.interpretation.language] : [])));
  const interpreting = engine ? engine.interpreting : sender.interpreting;
  if (interpreting) channels.add(interpreting);
  return {
    roomId: parts.roomId,
    engine: engine ? 'livekit' : 'sfu',
    displayName: parts.displayName,
    status: parts.status,
    selfPeerId,
    role: parts.role,
    participants: ended ? [] : [self, ...others],
    interpretation: { channels: [...channels].sort(), listening: parts.listening, interpreting },
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

/** On another engine, a participant's tile shows that engine's tracks, speaking and quality (matched by mediaIdentity). */
function withEngineMedia(peer: ParticipantView, engine: MediaEngine | null): ParticipantView {
  const identity = peer.mediaIdentity;
  if (!engine || identity === undefined) return peer;
  return { ...peer, media: engine.mediaOf(identity), speaking: engine.speaking(identity), quality: engine.quality(identity) };
}
