import { describe, expect, it } from 'vitest';
import {
  addMonths,
  daysBetween,
  newMemberStatus,
  seasonStatus,
  winterSpringSeasons,
} from './compliance-rules.js';

describe('dates', () => {
  it.each([
    ['2025-07-01', 12, '2026-07-01'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2023-02-28', 12, '2024-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-11-15', 3, '2026-02-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('counts days across month and year ends', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
  });
});

describe('new-member training deadline', () => {
  const base = { withinMonths: 12, warnDays: 30, trainedOn: null };
  it.each([
    ['2025-12-20', '2026-11-26', null, 'due-soon', 24],
    ['2025-12-26', '2026-11-26', null, 'due-soon', 30],
    ['2025-12-27', '2026-11-26', null, 'open', 31],
    ['2025-11-25', '2026-11-26', null, 'overdue', -1],
    ['2025-03-01', '2026-11-26', '2025-09-10', 'done', -270],
    ['2025-03-01', '2026-11-26', '2026-03-02', 'late', -270],
    ['2025-03-01', '2026-11-26', '2026-03-01', 'done', -270],
  ] as const)(
    'joined %s, today %s, trained %s → %s (%i days left)',
    (joinedOn, today, trainedOn, status, daysLeft) => {
      expect(newMemberStatus({ ...base, joinedOn, today, trainedOn })).toMatchObject({
        status,
        daysLeft,
      });
    },
  );
});

describe('winter–spring seasons', () => {
  it('gives the two seasons across the new year that touch a year', () => {
    expect(winterSpringSeasons(2026, 11, 3)).toEqual([
      { label: '2025—2026', from: '2025-11-01', to: '2026-03-31' },
      { label: '2026—2027', from: '2026-11-01', to: '2027-03-31' },
    ]);
  });

  it('gives one season for a window inside the year, ending on the last day of its month', () => {
    expect(winterSpringSeasons(2028, 1, 2)).toEqual([
      { label: '2028', from: '2028-01-01', to: '2028-02-29' },
    ]);
  });

  it('knows whether a season is over, running or ahead', () => {
    const [last, next] = winterSpringSeasons(2026, 11, 3);
    expect(seasonStatus(last!, '2026-11-26')).toBe('done');
    expect(seasonStatus(next!, '2026-11-26')).toBe('in-progress');
    expect(seasonStatus(next!, '2026-10-31')).toBe('upcoming');
  });
});
