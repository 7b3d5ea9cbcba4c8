import { describe, expect, it } from 'vitest';
import {
  gradeAge,
  gradeDatabase,
  gradeDisplays,
  gradeHigh,
  gradeHub,
  gradeLow,
  worstOf,
} from './health-grading.js';

describe('health grading', () => {
  it.each([
    [50, 'ok'],
    [85, 'warn'],
    [97.9, 'warn'],
    [98, 'fail'],
    [null, 'unknown'],
    [Number.NaN, 'unknown'],
  ] as const)('higher is worse: %s → %s', (value, grade) => {
    expect(gradeHigh(value, 85, 98)).toBe(grade);
  });

  it.each([
    [2000, 'ok'],
    [1023, 'warn'],
    [199, 'fail'],
    [undefined, 'unknown'],
  ] as const)('lower is worse: %s MB free → %s', (value, grade) => {
    expect(gradeLow(value, 1024, 200)).toBe(grade);
  });

  it('grades the age of the last sync, never-synced being unknown', () => {
    const now = new Date('2026-11-26T00:00:00Z');
    expect(gradeAge(null, now, 7, 30)).toBe('unknown');
    expect(gradeAge(new Date('2026-11-25T00:00:00Z'), now, 7, 30)).toBe('ok');
    expect(gradeAge(new Date('2026-11-10T00:00:00Z'), now, 7, 30)).toBe('warn');
    expect(gradeAge(new Date('2026-09-01T00:00:00Z'), now, 7, 30)).toBe('fail');
    // A last sync "in the future" (a clock that was ahead) is not an age.
    expect(gradeAge(new Date('2027-01-01T00:00:00Z'), now, 7, 30)).toBe('ok');
  });

  it('displays: none reported is unknown, a small one warns', () => {
    expect(gradeDisplays([], 1024)).toBe('unknown');
    expect(gradeDisplays(null, 1024)).toBe('unknown');
    expect(gradeDisplays([{ width: 800, height: 600 }], 1024)).toBe('warn');
    expect(gradeDisplays([{ width: 1920, height: 1080 }], 1024)).toBe('ok');
    expect(gradeDisplays([{ width: null, height: null }], 1024)).toBe('ok');
  });

  it('the hub: not configured unknown, down fail, slow or erroring warn', () => {
    expect(gradeHub({ state: 'not-configured' }, 2000)).toBe('unknown');
    expect(gradeHub({ state: 'unreachable', reason: 'ECONNREFUSED' }, 2000)).toBe('fail');
    expect(gradeHub({ state: 'reachable', latencyMs: 100, status: 200 }, 2000)).toBe('ok');
    expect(gradeHub({ state: 'reachable', latencyMs: 100, status: 503 }, 2000)).toBe('warn');
    expect(gradeHub({ state: 'reachable', latencyMs: 5000, status: 200 }, 2000)).toBe('warn');
  });

  it('a database that fails its check fails whatever its size', () => {
    expect(gradeDatabase(1000, 'ok', 2000)).toBe('ok');
    expect(gradeDatabase(3000, 'ok', 2000)).toBe('warn');
    expect(gradeDatabase(10, '*** in database main ***', 2000)).toBe('fail');
  });

  it('worst of: fail > warn > unknown > ok', () => {
    expect(worstOf([])).toBe('ok');
    expect(worstOf(['ok', 'unknown'])).toBe('unknown');
    expect(worstOf(['unknown', 'warn', 'ok'])).toBe('warn');
    expect(worstOf(['fail', 'warn'])).toBe('fail');
  });
});
