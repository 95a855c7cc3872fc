import { WebhookEvent } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { LocalPresence } from '../realtime/presence.js';
import { StageAttendance, type AttendanceEvent } from './StageAttendance.js';

const event = (kind: string, room: string, identity?: string, sid?: string, createdAt = 1_700_000_000) =>
  // As WebhookReceiver parses them (the JSON LiveKit posts).
  WebhookEvent.fromJson({
    event: kind,
    room: { name: room },
    ...(identity && { participant: { identity, sid: sid ?? `PA_${identity}` } }),
    createdAt: String(createdAt),
  });

/** `shift`: how far the platform's clock is from the wall clock (a test clock); LiveKit stamps wall time. */
function setup(shift = 0) {
  const presence = new LocalPresence();
  const log: string[] = [];
  const record = (what: string) => (e: AttendanceEvent) => log.push(`${what} ${e.roomId} ${e.userId} ${e.at}`);
  const wall = 200_000;
  const attendance = new StageAttendance({
    presence,
    attendance: { joined: record('joined'), left: record('left') },
    now: () => wall + shift,
    wallClock: () => wall,
  });
  return { presence, log, attendance };
}

describe('StageAttendance (live counts and attendance from LiveKit webhooks)', () => {
  it('counts who is in each stage, marks them present, and records joins and leaves at the event time', () => {
    const { presence, log, attendance } = setup();
    attendance.apply(event('participant_joined', 'stage-a', 'u1', 'PA_1', 100));
    attendance.apply(event('participant_joined', 'stage-a', 'u2', 'PA_2', 101));
    attendance.apply(event('participant_joined', 'stage-b', 'u1', 'PA_3', 102));
    expect([attendance.count('stage-a'), attendance.count('stage-b'), attendance.count('stage-c')]).toEqual([2, 1, 0]);
    expect(presence.online('u2')).toBe(true);
    attendance.apply(event('participant_left', 'stage-a', 'u2', 'PA_2', 160));
    expect(attendance.count('stage-a')).toBe(1);
    expect(presence.online('u2')).toBe(false);
    expect(log).toEqual(['joined stage-a u1 100000', 'joined stage-a u2 101000', 'joined stage-b u1 102000', 'left stage-a u2 160000']);
  });

  it('places events on the platform clock, keeping their age: a shifted test clock shifts them alike', () => {
    const { log, attendance } = setup(86_400_000);
    attendance.apply(event('participant_joined', 'stage-a', 'u1', 'PA_1', 150));
    expect(log).toEqual([`joined stage-a u1 ${150_000 + 86_400_000}`]);
  });

  it('ignores a retried join, and a late join or a stale leave of a visit that already ended or was replaced', () => {
    const { attendance, log } = setup();
    attendance.apply(event('participant_joined', 'stage-a', 'u1', 'PA_1'));
    attendance.apply(event('participant_joined', 'stage-a', 'u1', 'PA_1'));
    expect(attendance.count('stage-a')).toBe(1);
    // The same user reconnects (new sid): the old visit ends, the new one counts once.
    attendance.apply(event('participant_joined', 'stage-a', 'u1', 'PA_2'));
    attendance.apply(event('participant_left', 'stage-a', 'u1', 'PA_1'));
    expect(attendance.count('stage-a')).toBe(1);
    // A leave delivered before its join: the join that arrives afterwards is not counted.
    attendance.apply(event('participant_left', 'stage-a', 'u9', 'PA_9'));
    attendance.apply(event('participant_joined', 'stage-a', 'u9', 'PA_9'));
    expect(attendance.count('stage-a')).toBe(1);
    expect(log.filter((l) => l.startsWith('joined'))).toHaveLength(2);
  });

  it('ends every visit when the room finishes, and skips events without a room or participant', () => {
    const { attendance, presence } = setup();
    attendance.apply(event('participant_joined', 'stage-a', 'u1'));
    attendance.apply(event('participant_joined', 'stage-a', 'u2'));
    attendance.apply(WebhookEvent.fromJson({ event: 'participant_joined' }));
    attendance.apply(event('participant_joined', 'stage-a'));
    attendance.apply(event('room_finished', 'stage-a'));
    expect(attendance.count('stage-a')).toBe(0);
    expect(presence.users()).toEqual([]);
  });
});
