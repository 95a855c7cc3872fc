import { describe, expect, it } from 'vitest';
import { createFormatter, formattingLocale } from './format';

const at = '2026-11-30T01:30:00Z';
const clean = (text: string) => text.replace(/\s/g, ' ');

describe('createFormatter', () => {
  it('formats in the zone it is given, whatever the runtime’s zone', () => {
    const fmt = createFormatter('en-GB', 'America/Los_Angeles');
    expect(fmt.time(at)).toBe('17:30');
    expect(fmt.time(at, 'Asia/Shanghai')).toBe('09:30');
  });

  it('uses the locale’s own clock: 24-hour in zh-CN and en-GB, 12-hour in en-US', () => {
    expect(createFormatter('zh-CN', 'Asia/Shanghai').time(at)).toBe('09:30');
    expect(clean(createFormatter('en-US', 'America/Los_Angeles').time(at))).toBe('5:30 PM');
  });

  it('shows a calendar date as itself', () => {
    expect(createFormatter('en-GB', 'Pacific/Kiritimati').calendarDate('2026-11-29')).toBe('29 November 2026');
  });
});

describe('zone names and repeated times', () => {
  it("names a zone in the user's language, and by its city where Intl has no name", () => {
    expect(createFormatter('en', 'Europe/Berlin').zoneName()).toBe('Central European Time');
    expect(createFormatter('zh-CN', 'Europe/Berlin').zoneName()).toBe('中欧时间');
    expect(createFormatter('ar', 'Asia/Kathmandu').zoneName()).toBe('توقيت نيبال');
    expect(createFormatter('en', 'UTC').zoneName('Etc/GMT-14')).toBe('GMT-14');
  });

  it('tells apart the two 01:30 of the New York fall-back night by their UTC offset', () => {
    const fmt = createFormatter('en-GB', 'America/New_York');
    const first = '2026-11-01T05:30:00Z';
    const second = '2026-11-01T06:30:00Z';
    expect(fmt.time(first)).toBe(fmt.time(second));
    expect(clean(fmt.timeWithOffset(first))).toBe('01:30 GMT-4');
    expect(clean(fmt.timeWithOffset(second))).toBe('01:30 GMT-5');
  });
});

describe('formattingLocale', () => {
  it('refines the UI language with the browser’s region of the same language', () => {
    expect(formattingLocale('en', ['de-DE', 'en-GB'])).toBe('en-GB');
    expect(formattingLocale('en', ['de-DE'])).toBe('en');
    expect(formattingLocale('zh-CN', ['zh-TW'])).toBe('zh-CN');
  });
});
