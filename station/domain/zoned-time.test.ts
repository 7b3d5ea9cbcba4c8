import { describe, expect, it } from 'vitest';
import { isoWithOffset, parseIsoWithOffset, zonedInstant, zonedParts } from './zoned-time.js';

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

describe('zonedInstant and parseIsoWithOffset', () => {
  it('finds local midnight of 1 January in Shanghai and Berlin', () => {
    expect(zonedInstant({ year: 2027, month: 1, day: 1 }, 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-31T16:00:00.000Z',
    );
    expect(
      zonedInstant({ year: 2026, month: 7, day: 1, hour: 9 }, 'Europe/Berlin').toISOString(),
    ).toBe('2026-07-01T07:00:00.000Z');
  });

  it.each([
    ['2026-11-14T09:00:00+08:00', '2026-11-14T01:00:00.000Z'],
    ['2026-11-14T09:00+0800', '2026-11-14T01:00:00.000Z'],
    ['2026-11-14T01:00:00Z', '2026-11-14T01:00:00.000Z'],
    ['2026-11-14T09:00:00', null],
    ['2026-11-14', null],
    ['2026-13-14T09:00:00+08:00', null],
    ['tomorrow', null],
  ])('%s → %s', (text, iso) => {
    expect(parseIsoWithOffset(text)?.toISOString() ?? null).toBe(iso);
  });
});
