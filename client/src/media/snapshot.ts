import type { ParticipantRole } from '@ca/signaling';
import type { MeetingSnapshot, MeetingStatus, Notice, ParticipantView, RoomView } from './meetingTypes';
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
};

const FINAL: readonly MeetingStatus[] = ['left', 'ended', 'failed'];

/** The immutable view of a meeting the UI renders: you first, then everyone else. */
export function buildSnapshot(parts: SnapshotParts): MeetingSnapshot {
  const { sender, selfPeerId, room } = parts;
  const local = {
    microphone: sender.view('microphone'),
    camera: sender.view('camera'),
    screen: sender.view('screen'),
  };
  const selfMedia: ParticipantView['media'] = {};
  for (const source of ['microphone', 'camera', 'screen'] as const) {
    const view = local[source];
    if (!view.track) continue;
    selfMedia[source] = { source, producerId: sender.producerId(source), track: view.track, paused: view.state === 'paused' };
  }
  const speaker = room.activeSpeakerPeerId;
  const self: ParticipantView = {
    peerId: selfPeerId ?? 'self',
    displayName: parts.displayName,
    isSelf: true,
    role: parts.role,
    handRaised: parts.handRaised,
    away: false,
    speaking: selfPeerId !== null && speaker === selfPeerId,
    quality: parts.quality.quality,
    media: selfMedia,
  };
  const ended = FINAL.includes(parts.status);
  return {
    roomId: parts.roomId,
    displayName: parts.displayName,
    status: parts.status,
    selfPeerId,
    role: parts.role,
    participants: ended ? [] : [self, ...parts.peers.views(speaker)],
    local,
    room,
    handRaised: parts.handRaised,
    audioFirst: parts.quality.audioFirst,
    drainingDeadline: parts.drainingDeadline,
    notices: parts.notices,
    endReason: parts.endReason,
  };
}
