import type { AvailabilityDto } from '@ca/signaling';
import { describe, expect, it } from 'vitest';
import { describePaths, issuesByRow, toDto, toForm } from './availabilityForm';

const dto: AvailabilityDto = {
  timeZone: 'Asia/Shanghai',
  weekly: [
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 1, start: '13:00', end: '24:00' },
    { weekday: 5, start: '09:00', end: '17:00' },
  ],
  exceptions: [
    { date: '2026-12-01', ranges: [] },
    { date: '2026-12-02', ranges: [{ start: '10:00', end: '12:00' }] },
  ],
  bufferMinutes: 5,
  groupSize: 1,
  meetingLengths: [30, 15],
};

const names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

describe('availability form', () => {
  it('round-trips the DTO, with 24:00 shown as 00:00 and saved back as 24:00', () => {
    const form = toForm(dto);
    expect(form.days[0]?.map((r) => [r.start, r.end])).toEqual([
      ['09:00', '12:00'],
      ['13:00', '00:00'],
    ]);
    expect(form.exceptions.map((e) => e.unavailable)).toEqual([true, false]);
    expect(toDto(form).dto).toEqual({ ...dto, meetingLengths: [15, 30] });
  });

  it('puts the server’s issues next to the row they are about', () => {
    const form = toForm(dto);
    const { rows } = toDto(form);
    const byRow = issuesByRow(
      [
        { path: 'weekly.1.end', message: 'overlaps' },
        { path: 'exceptions.1.ranges.0.start', message: 'bad start' },
        { path: 'bufferMinutes', message: 'too long' },
      ],
      rows,
    );
    expect(byRow.get(form.days[0]![1]!.key)).toEqual(['overlaps']);
    expect(byRow.get(form.exceptions[1]!.ranges[0]!.key)).toEqual(['bad start']);
    expect(byRow.get('bufferMinutes')).toEqual(['too long']);
  });

  it('names rows in words instead of paths', () => {
    expect(describePaths('weekly.1 overlaps weekly.0', dto, (d) => names[d - 1] ?? '')).toBe('Monday 13:00–24:00 overlaps Monday 09:00–12:00');
    expect(describePaths('exceptions.1.ranges.0.start', dto, () => '')).toBe('2026-12-02 10:00–12:00');
  });
});
