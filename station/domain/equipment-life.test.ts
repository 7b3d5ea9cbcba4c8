import { describe, expect, it } from 'vitest';
import { dueList, dueState, endOfNextYear, replacementDate } from './equipment-life.js';

describe('replacementDate', () => {
  it.each([
    ['2020-06-15', 6, '2026-06-15'],
    ['2019-12-31', 1, '2020-12-31'],
    ['2020-02-29', 4, '2024-02-29'], // leap year to leap year keeps the 29th
    ['2020-02-29', 5, '2025-02-28'], // into a common year: the last day of February
    ['2020-02-29', 8, '2028-02-29'],
    ['2096-02-29', 4, '2100-02-28'], // 2100 is not a leap year
    ['1996-02-29', 4, '2000-02-29'], // 2000 is
    ['2021-02-28', 3, '2024-02-28'],
  ])('%s + %i years → %s', (purchased, years, expected) => {
    expect(replacementDate(purchased, years)).toBe(expected);
  });

  it('refuses a life that is not whole years, or a date that is not a calendar day', () => {
    expect(() => replacementDate('2020-01-01', 0)).toThrow(RangeError);
    expect(() => replacementDate('2020-01-01', 2.5)).toThrow(RangeError);
    expect(() => replacementDate('2020/01/01', 2)).toThrow(RangeError);
  });
});

describe('dueState', () => {
  const today = '2026-11-26';
  it.each([
    ['2024-02-28', 'in_use', 'overdue'],
    ['2026-11-26', 'faulty', 'overdue'], // due today: due now
    ['2026-11-27', 'in_use', 'soon'],
    ['2027-12-31', 'under_repair', 'soon'], // end of next year is inside
    ['2028-01-01', 'in_use', 'later'],
    ['2020-01-01', 'retired', 'retired'], // retired items have left the cycle
  ] as const)('%s (%s) is %s', (replaceBy, status, expected) => {
    expect(dueState(replaceBy, status, today)).toBe(expected);
  });

  it('measures next year from the station’s today', () => {
    expect(endOfNextYear('2026-01-01')).toBe('2027-12-31');
    expect(endOfNextYear('2026-12-31')).toBe('2027-12-31');
  });
});

describe('dueList', () => {
  it('lists overdue and soon-due items, earliest first, leaving out later and retired ones', () => {
    const items = [
      { id: 1, replaceBy: '2027-06-01', status: 'in_use' as const },
      { id: 2, replaceBy: '2025-01-01', status: 'in_use' as const },
      { id: 3, replaceBy: '2024-01-01', status: 'faulty' as const },
      { id: 4, replaceBy: '2030-01-01', status: 'in_use' as const },
      { id: 5, replaceBy: '2020-01-01', status: 'retired' as const },
      { id: 6, replaceBy: '2026-12-01', status: 'in_use' as const },
    ];
    const due = dueList(items, '2026-11-26');
    expect(due.overdue.map((i) => i.id)).toEqual([3, 2]);
    expect(due.dueByEndOfNextYear.map((i) => i.id)).toEqual([6, 1]);
  });
});
