import { describe, expect, it } from 'vitest';
import { checkAgenda, type Talk } from './agenda.js';
import type { EventWindow } from './event-window.js';
import { parseInstant } from './time.js';

const at = (iso: string) => parseInstant(iso);
/** 10–11 June 2026 in Berlin: [2026-06-09T22:00Z, 2026-06-11T22:00Z). */
const EVENT: EventWindow = { startDate: '2026-06-10', endDate: '2026-06-11', zone: 'Europe/Berlin' };
const session = (id: string, stageId: string, speakerIds: string[], start: string, end: string): Talk => ({
  id,
  title: `Talk ${id}`,
  stageId,
  speakerIds,
  start: at(start),
  end: at(end),
});

describe('checkAgenda()', () => {
  it('finds nothing in a clean agenda where sessions on one stage only touch', () => {
    const agenda = [
      session('a', 'main', ['ada'], '2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z'),
      session('b', 'main', ['ada'], '2026-06-10T09:00:00Z', '2026-06-10T10:00:00Z'),
      session('c', 'side', ['bob'], '2026-06-10T08:30:00Z', '2026-06-10T09:30:00Z'),
    ];
    expect(checkAgenda(agenda, EVENT)).toEqual([]);
  });

  it('warns when two sessions overlap on one stage', () => {
    const agenda = [
      session('b', 'main', ['bob'], '2026-06-10T08:30:00Z', '2026-06-10T09:30:00Z'),
      session('a', 'main', ['ada'], '2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z'),
    ];
    expect(checkAgenda(agenda, EVENT)).toEqual([
      {
        kind: 'stage_overlap',
        sessionIds: ['a', 'b'],
        stageId: 'main',
        message: '"Talk a" and "Talk b" overlap on the same stage',
      },
    ]);
  });

  it('warns when a speaker is in two overlapping sessions on different stages, once per shared speaker', () => {
    const agenda = [
      session('a', 'main', ['ada', 'bob'], '2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z'),
      session('b', 'side', ['bob', 'ada', 'cy'], '2026-06-10T08:45:00Z', '2026-06-10T09:15:00Z'),
    ];
    expect(checkAgenda(agenda, EVENT).map((w) => [w.kind, w.sessionIds, 'speakerId' in w ? w.speakerId : null])).toEqual([
      ['speaker_overlap', ['a', 'b'], 'ada'],
      ['speaker_overlap', ['a', 'b'], 'bob'],
    ]);
  });

  it('gives both a stage and a speaker warning when one speaker is double-booked on one stage', () => {
    const agenda = [
      session('a', 'main', ['ada'], '2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z'),
      session('b', 'main', ['ada'], '2026-06-10T08:59:00Z', '2026-06-10T10:00:00Z'),
    ];
    expect(checkAgenda(agenda, EVENT).map((w) => w.kind)).toEqual(['stage_overlap', 'speaker_overlap']);
  });

  it('finds an overlap with a long session that started before several shorter ones', () => {
    const agenda = [
      session('long', 'main', [], '2026-06-10T08:00:00Z', '2026-06-10T12:00:00Z'),
      session('s1', 'side', [], '2026-06-10T08:30:00Z', '2026-06-10T09:00:00Z'),
      session('s2', 'main', [], '2026-06-10T11:00:00Z', '2026-06-10T11:30:00Z'),
    ];
    expect(checkAgenda(agenda, EVENT).map((w) => w.sessionIds)).toEqual([['long', 's2']]);
  });

  it('warns about sessions outside the event dates read in Berlin, not in UTC', () => {
    const agenda = [
      session('first-minute', 'main', [], '2026-06-09T22:00:00Z', '2026-06-09T23:00:00Z'),
      session('too-early', 'main', [], '2026-06-09T21:30:00Z', '2026-06-09T22:30:00Z'),
      session('last-minute', 'side', [], '2026-06-11T21:00:00Z', '2026-06-11T22:00:00Z'),
      session('too-late', 'side', [], '2026-06-11T21:30:00Z', '2026-06-11T22:30:00Z'),
    ];
    expect(checkAgenda(agenda, EVENT).filter((w) => w.kind === 'outside_event')).toEqual([
      { kind: 'outside_event', sessionIds: ['too-early'], message: `"Talk too-early" is not within the event's dates` },
      { kind: 'outside_event', sessionIds: ['too-late'], message: `"Talk too-late" is not within the event's dates` },
    ]);
  });

  it('refuses a session that ends before or when it starts with BAD_REQUEST, not a warning', () => {
    const agenda = [
      session('ok', 'main', [], '2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z'),
      session('backwards', 'main', [], '2026-06-10T10:00:00Z', '2026-06-10T09:00:00Z'),
      session('empty', 'main', [], '2026-06-10T10:00:00Z', '2026-06-10T10:00:00Z'),
    ];
    expect(() => checkAgenda(agenda, EVENT)).toThrow(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        details: [
          { path: 'sessions.1.end', message: 'must be after start', code: 'order' },
          { path: 'sessions.2.end', message: 'must be after start', code: 'order' },
        ],
      }),
    );
  });

  it('refuses duplicate session ids and an event whose last day is before its first', () => {
    const a = session('a', 'main', [], '2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z');
    expect(() => checkAgenda([a, a], EVENT)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    expect(() => checkAgenda([a], { ...EVENT, endDate: '2026-06-09' })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', details: [expect.objectContaining({ path: 'event.endDate' })] }),
    );
  });
});
