import { describe, expect, it } from 'vitest';
import { zonedParts } from './zoned-time.js';

const ZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Kathmandu', // +05:45
  'America/St_Johns', // −03:30 with DST
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe', // a 30-minute DST shift
  'Pacific/Kiritimati', // +14
  'UTC',
];

/** zonedParts as it was computed before the fast path: from formatToParts alone. */
function reference(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? '');
  return [
    ...['year', 'month', 'day', 'hour', 'minute', 'second'].map((k) => Number(parts[k])),
    weekday,
  ];
}

describe('zonedParts read from the formatted string', () => {
  it('gives the same fields as formatToParts, across zones, DST changes and centuries', () => {
    let s = 20261126;
    const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const instants = [
      ...Array.from({ length: 400 }, () => Date.UTC(1900, 0, 1) + next() * 200 * 365.25 * 864e5),
      // Either side of the 2026 DST changes, minute by minute.
      ...Array.from({ length: 180 }, (_, i) => Date.UTC(2026, 2, 8, 5, 30) + i * 60_000),
      ...Array.from({ length: 180 }, (_, i) => Date.UTC(2026, 9, 25, 0, 0) + i * 60_000),
      ...Array.from({ length: 180 }, (_, i) => Date.UTC(2026, 3, 4, 14, 0) + i * 60_000),
      Date.UTC(999, 11, 31, 23, 59, 59), // a three-digit year takes formatToParts
      Date.UTC(10000, 0, 1),
    ];
    for (const zone of ZONES) {
      for (const t of instants) {
        const p = zonedParts(new Date(t), zone);
        expect(
          [p.year, p.month, p.day, p.hour, p.minute, p.second, p.weekday],
          `${zone} ${t}`,
        ).toEqual(reference(new Date(t), zone));
      }
    }
  });
});
