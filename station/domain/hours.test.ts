import { describe, expect, it } from 'vitest';
import { attendedMinutes, capPerDay, creditForMinutes, roundDownToStep } from './hours.js';

const policy = { minutesPerCreditHour: 45, roundingStep: 0.5, maxPerDay: 8 };
const t = (hhmm: string) => new Date(`2026-11-14T${hhmm}:00+08:00`);
const session = { start: t('09:00'), end: t('11:00') }; // 120 minutes

describe('attended minutes', () => {
  it.each([
    ['on time, stays to the end (no check-out)', '09:00', null, 120],
    ['early arrival counts from the start', '08:30', null, 120],
    ['late arrival', '09:40', null, 80],
    ['leaves early', '09:00', '10:00', 60],
    ['late and leaves early', '09:30', '10:15', 45],
    ['checked out after the end', '09:00', '11:30', 120],
    ['came after the session ended', '11:05', null, 0],
    ['left before it started', '08:00', '08:50', 0],
    ['check-out before check-in (bad clock)', '10:00', '09:30', 0],
  ] as const)('%s', (_label, checkIn, checkOut, minutes) => {
    expect(attendedMinutes(session, t(checkIn), checkOut ? t(checkOut) : null)).toBe(minutes);
  });
});

describe('credit hours', () => {
  it.each([
    [0, 0],
    [22, 0],
    [22.5, 0.5],
    [44.9, 0.5],
    [45, 1],
    [67.4, 1],
    [67.5, 1.5],
    [89, 1.5],
    [90, 2],
    [120, 2.5],
    [180, 4],
    [600, 13],
  ])('%d minutes at 45 per 学时 → %d', (minutes, credit) => {
    expect(creditForMinutes(minutes, policy)).toBe(credit);
  });

  it('follows the county policy: 60 minutes per 学时, whole hours', () => {
    const p = { minutesPerCreditHour: 60, roundingStep: 1, maxPerDay: 8 };
    expect(creditForMinutes(119, p)).toBe(1);
    expect(creditForMinutes(120, p)).toBe(2);
  });

  it('rounds down without floating-point drift', () => {
    expect(roundDownToStep(1.5, 0.5)).toBe(1.5);
    expect(roundDownToStep(0.3, 0.1)).toBe(0.3);
    expect(roundDownToStep(-1, 0.5)).toBe(0);
  });
});

describe('daily cap', () => {
  it('keeps the earlier sessions of a day and trims the later ones to the cap', () => {
    const out = capPerDay(
      [
        { day: '2026-01-10', credit: 5 },
        { day: '2026-01-10', credit: 4.5 },
        { day: '2026-01-10', credit: 2 },
        { day: '2026-01-11', credit: 6 },
      ],
      8,
    );
    expect(out.map((o) => o.capped)).toEqual([5, 3, 0, 6]);
  });
});
