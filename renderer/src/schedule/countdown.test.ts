import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TFunction } from 'i18next';
import { dateKey, hm } from '../i18n/format.js';
import { countdownText, localParts, monthGrid, repeatChoices } from './countdown.js';

const t = ((key: string, o?: Record<string, unknown>) =>
  `${key}${o ? JSON.stringify(o) : ''}`) as unknown as TFunction;

describe('countdownText', () => {
  const start = Date.parse('2027-01-09T09:00:00+08:00');
  const end = start + 90 * 60_000;
  it.each([
    [start - (2 * 1440 + 3 * 60) * 60_000, 'schedule.countdownDays{"days":2,"hours":3}'],
    [start - 125 * 60_000, 'schedule.countdownHours{"hours":2,"minutes":5}'],
    [start - 30_000, 'schedule.countdownMinutes{"minutes":1}'],
    [start + 60_000, 'schedule.inProgress'],
    [end, ''],
  ])('%s', (now, want) => {
    expect(countdownText(t, start, end, now)).toBe(want);
  });
});

describe('calendar helpers', () => {
  it('lays out January 2027 from Friday the 1st', () => {
    const grid = monthGrid(2027, 1);
    expect(grid[0]).toEqual([null, null, null, null, null, 1, 2]);
    expect(grid).toHaveLength(6);
    expect(grid[5]).toEqual([31, null, null, null, null, null, null]);
  });
  it('offers the second Saturday for 9 January 2027', () => {
    expect(repeatChoices(2027, 1, 9).monthlyWeekday).toBe('FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2');
    expect(repeatChoices(2027, 1, 30).monthlyWeekday).toBeNull();
  });
});

describe('localParts', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reads a station time off its offset, whatever zone is passed, without Intl', () => {
    // The spy also stands in for the constructor, so any Intl use here fails the test loudly.
    const intl = vi.spyOn(Intl, 'DateTimeFormat');
    expect(localParts('2027-01-09T09:00:00+08:00', 'UTC')).toEqual({
      year: 2027,
      month: 1,
      day: 9,
      hour: 9,
      minute: 0,
    });
    expect(localParts('2027-03-14T03:30:00-04:00', 'Asia/Shanghai')).toMatchObject({
      day: 14,
      hour: 3,
      minute: 30,
    });
    expect(intl).not.toHaveBeenCalled();
  });

  it.each([
    // Times as the station writes them (isoWithOffset), either side of DST changes.
    ['2027-01-09T09:00:00+08:00', 'Asia/Shanghai'],
    ['2027-01-08T00:30:00+08:00', 'Asia/Shanghai'],
    ['2027-03-14T01:59:00-05:00', 'America/New_York'],
    ['2027-03-14T03:30:00-04:00', 'America/New_York'],
    ['2027-11-07T01:30:00-04:00', 'America/New_York'],
    ['2027-11-07T01:30:00-05:00', 'America/New_York'],
    ['2026-10-25T02:30:00+02:00', 'Europe/Berlin'],
    ['2026-10-25T02:30:00+01:00', 'Europe/Berlin'],
    ['2026-12-31T23:45:00+01:00', 'Europe/Berlin'],
  ])('%s gives the same parts as Intl gives for the instant in %s', (iso, zone) => {
    const viaIntl = localParts(new Date(iso).toISOString(), zone);
    expect(localParts(iso, zone)).toEqual(viaIntl);
    // And they are the wall clock written in the string.
    const [date, time] = iso.split('T') as [string, string];
    expect(
      `${dateKey(viaIntl.year, viaIntl.month, viaIntl.day)}T${hm(viaIntl.hour, viaIntl.minute)}`,
    ).toBe(`${date}T${time.slice(0, 5)}`);
  });

  it('falls back to Intl in the given zone for a time without a numeric offset', () => {
    // The calendar's "today": toISOString() ends in Z.
    expect(localParts('2027-01-08T16:00:00.000Z', 'Asia/Shanghai')).toEqual({
      year: 2027,
      month: 1,
      day: 9,
      hour: 0,
      minute: 0,
    });
    expect(localParts('2027-01-08T16:00:00.000Z', 'America/New_York')).toMatchObject({
      day: 8,
      hour: 11,
    });
  });
});
