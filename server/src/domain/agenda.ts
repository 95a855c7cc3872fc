import { eventInterval, type EventWindow } from './event-window.js';
import { contains, overlaps, type Interval } from './interval.js';
import type { Instant } from './time.js';
import { throwIfIssues, type Issue } from './validation.js';

/** A talk on the organizer's agenda. */
export interface Talk {
  id: string;
  title: string;
  stageId: string;
  speakerIds: readonly string[];
  start: Instant;
  end: Instant;
}

export type AgendaWarning =
  | { kind: 'speaker_overlap'; sessionIds: [string, string]; speakerId: string; message: string }
  | { kind: 'stage_overlap'; sessionIds: [string, string]; stageId: string; message: string }
  | { kind: 'outside_event'; sessionIds: [string]; message: string };

export type AgendaWarningKind = AgendaWarning['kind'];

function checkTalks(sessions: readonly Talk[]): void {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  sessions.forEach((session, index) => {
    if (seen.has(session.id)) issues.push({ path: `sessions.${index}.id`, message: 'duplicates another session', code: 'duplicate' });
    seen.add(session.id);
    if (!Number.isFinite(session.start) || !Number.isFinite(session.end) || session.end <= session.start) {
      issues.push({ path: `sessions.${index}.end`, message: 'must be after start', code: 'order' });
    }
  });
  throwIfIssues('invalid agenda', issues);
}

function pairWarnings(a: Talk, b: Talk): AgendaWarning[] {
  const warnings: AgendaWarning[] = [];
  const sessionIds: [string, string] = [a.id, b.id];
  if (a.stageId === b.stageId) {
    warnings.push({
      kind: 'stage_overlap',
      sessionIds,
      stageId: a.stageId,
      message: `"${a.title}" and "${b.title}" overlap on the same stage`,
    });
  }
  for (const speakerId of new Set(a.speakerIds)) {
    if (!b.speakerIds.includes(speakerId)) continue;
    warnings.push({
      kind: 'speaker_overlap',
      sessionIds,
      speakerId,
      message: `a speaker is in both "${a.title}" and "${b.title}" at the same time`,
    });
  }
  return warnings;
}

/**
 * Conflicts an organizer should look at before publishing the agenda: two overlapping
 * sessions on one stage, a speaker in two overlapping sessions, a session not entirely
 * inside the event's dates (in the event's zone). Sessions that only touch do not overlap.
 * Warnings come in order of the sessions' start times; a pair is listed earlier session first.
 *
 * A session whose end is not after its start, or a duplicate session id, is an error, not a
 * warning: AppError BAD_REQUEST listing every such session.
 */
export function checkAgenda(sessions: readonly Talk[], eventWindow: EventWindow): AgendaWarning[] {
  checkTalks(sessions);
  const event: Interval = eventInterval(eventWindow);
  const sorted = [...sessions].sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
  const warnings: AgendaWarning[] = [];
  sorted.forEach((session, index) => {
    if (!contains(event, session)) {
      warnings.push({
        kind: 'outside_event',
        sessionIds: [session.id],
        message: `"${session.title}" is not within the event's dates`,
      });
    }
    for (const other of sorted.slice(index + 1)) {
      if (other.start >= session.end) break;
      if (overlaps(session, other)) warnings.push(...pairWarnings(session, other));
    }
  });
  return warnings;
}
