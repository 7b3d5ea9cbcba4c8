import { describe, expect, it } from 'vitest';
import { isoWithOffset, zonedParts } from './zoned-time.js';

describe('zoned time', () => {
  it.each([
    // instant, zone, expected ISO
    ['2027-01-09T01:00:00Z', 'Asia/Shanghai', '2027-01-09T09:00:00+08:00'],
    ['2026-12-31T16:30:00Z', 'Asia/Shanghai', '2027-01-01T00:30:00+08:00'],
    ['2026-07-01T12:00:00Z', 'Europe/Berlin', '2026-07-01T14:00:00+02:00'],
    ['2026-01-01T12:00:00Z', 'Europe/Berlin', '2026-01-01T13:00:00+01:00'],
    // Half-hour offsets, either side of the DST change on 8 March 2026.
    ['2026-03-07T12:00:00Z', 'America/St_Johns', '2026-03-07T08:30:00-03:30'],
    ['2026-03-08T12:00:00Z', 'America/St_Johns', '2026-03-08T09:30:00-02:30'],
  ])('%s in %s is %s', (instant, zone, iso) => {
    expect(isoWithOffset(new Date(instant), zone)).toBe(iso);
  });

  it('gives the local calendar date and weekday, not the UTC one', () => {
    // 2026-11-25T17:00Z is already Thursday 26 November in Shanghai.
    const p = zonedParts(new Date('2026-11-25T17:00:00Z'), 'Asia/Shanghai');
    expect([p.year, p.month, p.day, p.weekday]).toEqual([2026, 11, 26, 4]);
  });
});
