import { describe, expect, it } from 'vitest';
import { firstCountedMonth, missedMonths } from './missed-months.js';

const held = (...m: string[]) => new Set(m);

describe('missed months', () => {
  it.each([
    ['2026-03-01', null, '2026-03'],
    ['2026-03-28', null, '2026-04'],
    ['2026-12-15', null, '2027-01'],
    ['2026-06-10', '2026-01', '2026-01'],
    ['2026-06-10', '2026-09', '2026-07'],
  ])('set up on %s, first session %s → first counted month %s', (setUp, first, expected) => {
    expect(firstCountedMonth(setUp, first)).toBe(expected);
  });

  it('lists past months since set-up with no collective study', () => {
    expect(
      missedMonths({
        year: 2026,
        heldMonths: held('2026-02', '2026-04'),
        setUpOn: '2026-01-01',
        currentMonth: '2026-06',
      }),
    ).toEqual(['2026-01', '2026-03', '2026-05']);
  });

  it('never counts the current month, future months or months before set-up', () => {
    expect(
      missedMonths({
        year: 2026,
        heldMonths: held(),
        setUpOn: '2026-09-20',
        currentMonth: '2026-11',
      }),
    ).toEqual(['2026-10']);
    expect(
      missedMonths({
        year: 2027,
        heldMonths: held(),
        setUpOn: '2026-09-20',
        currentMonth: '2026-11',
      }),
    ).toEqual([]);
  });

  it('a past year is counted in full from its first counted month', () => {
    expect(
      missedMonths({
        year: 2025,
        heldMonths: held(
          ...Array.from({ length: 11 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
        ),
        setUpOn: '2026-01-05',
        firstSessionMonth: '2025-01',
        currentMonth: '2026-11',
      }),
    ).toEqual(['2025-12']);
  });
});
