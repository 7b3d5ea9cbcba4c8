import { describe, expect, it } from 'vitest';
import { syncWindowEnd } from './sync-window.js';

describe('syncWindowEnd', () => {
  const tz = 'Asia/Shanghai';
  it.each([
    ['2026-11-26T01:00:00+08:00', 6, '2026-11-26T06:00:00+08:00'],
    ['2026-11-26T23:00:00+08:00', 6, '2026-11-27T06:00:00+08:00'],
    ['2026-11-26T06:00:00+08:00', 6, '2026-11-27T06:00:00+08:00'],
    ['2026-12-31T22:30:00+08:00', 5, '2027-01-01T05:00:00+08:00'],
  ])('a sync started at %s with end hour %i stops at %s', (start, hour, end) => {
    expect(syncWindowEnd(new Date(start), hour, tz).toISOString()).toBe(
      new Date(end).toISOString(),
    );
  });
});
