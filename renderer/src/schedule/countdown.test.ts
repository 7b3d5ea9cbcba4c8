import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { countdownText, monthGrid, repeatChoices } from './countdown.js';

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
