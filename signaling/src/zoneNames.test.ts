import { describe, expect, it } from 'vitest';
import { currentZoneName } from './zoneNames.js';

describe('currentZoneName', () => {
  it('renames the old names browsers still report to the tz database’s current ones', () => {
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentZoneName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(currentZoneName('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(currentZoneName('US/Pacific')).toBe('America/Los_Angeles');
  });

  it('leaves current names, and names it does not know, as they are', () => {
    expect(currentZoneName('Europe/Berlin')).toBe('Europe/Berlin');
    expect(currentZoneName('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(currentZoneName('Mars/Olympus_Mons')).toBe('Mars/Olympus_Mons');
  });

  it('every new name is a zone this runtime knows, with the same offsets as the old one', () => {
    const probes = [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)];
    const offset = (zone: string, at: number) =>
      new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')
        ?.value;
    for (const old of [
      'Asia/Calcutta',
      'Europe/Kiev',
      'Asia/Katmandu',
      'America/Buenos_Aires',
      'US/Eastern',
      'Pacific/Enderbury',
      'America/Godthab',
    ]) {
      const current = currentZoneName(old);
      for (const at of probes) expect(offset(current, at), `${old} → ${current}`).toBe(offset(old, at));
    }
  });
});
