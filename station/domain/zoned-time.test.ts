import { describe, expect, it } from 'vitest';
import {
  isoWithOffset,
  localDateOf,
  localToInstant,
  offsetAt,
  parseIsoWithOffset,
  parseZonedDateTime,
  zonedInstant,
  zonedParts,
} from './zoned-time.js';

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

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const SH = 'Asia/Shanghai';

/** A local time as 'YYYY-MM-DDTHH:MM' → the fields localToInstant takes. */
function local(text: string) {
  const [y, mo, d, h, mi] = text.split(/[-T:]/).map(Number) as number[];
  return { year: y!, month: mo!, day: d!, hour: h!, minute: mi! };
}

describe('localToInstant: local wall time → instant, across DST changes', () => {
  it.each([
    // zone, local time, instant written in the zone, exact
    [SH, '2027-01-09T09:00', '2027-01-09T09:00:00+08:00', true],
    [SH, '2027-03-14T02:30', '2027-03-14T02:30:00+08:00', true], // no DST: never a gap
    [SH, '2027-11-07T01:30', '2027-11-07T01:30:00+08:00', true], // … nor a repeat
    [NY, '2027-03-14T01:59', '2027-03-14T01:59:00-05:00', true],
    // Spring forward, 02:00 → 03:00: 02:30 does not exist; RFC 5545 reads it with the old offset.
    [NY, '2027-03-14T02:30', '2027-03-14T03:30:00-04:00', false],
    [NY, '2027-03-14T03:00', '2027-03-14T03:00:00-04:00', true],
    // Fall back, 02:00 → 01:00: 01:30 happens twice; the earlier one (still EDT) is taken.
    [NY, '2027-11-07T01:30', '2027-11-07T01:30:00-04:00', true],
    [NY, '2027-11-07T02:00', '2027-11-07T02:00:00-05:00', true],
    [BERLIN, '2026-03-29T02:30', '2026-03-29T03:30:00+02:00', false],
    // East of UTC the earlier instant of a repeated time is the one with the LARGER offset.
    [BERLIN, '2026-10-25T02:30', '2026-10-25T02:30:00+02:00', true],
    [BERLIN, '2026-10-25T03:00', '2026-10-25T03:00:00+01:00', true],
  ])('%s %s is %s (exact: %s)', (zone, text, iso, exact) => {
    const got = localToInstant(local(text), zone);
    expect([isoWithOffset(got.at, zone), got.exact]).toEqual([iso, exact]);
    // zonedInstant is the same conversion, for callers that need no `exact`.
    expect(zonedInstant(local(text), zone).getTime()).toBe(got.at.getTime());
  });

  it('round-trips every quarter hour of the DST change days, exact or moved by the gap', () => {
    const days: [string, string, number][] = [
      [NY, '2027-03-14', 60],
      [NY, '2027-11-07', 60],
      [BERLIN, '2026-03-29', 60],
      [BERLIN, '2026-10-25', 60],
      ['Australia/Lord_Howe', '2026-10-04', 30], // a 30-minute spring-forward
      ['America/St_Johns', '2026-03-08', 60],
      [SH, '2026-03-08', 0],
    ];
    for (const [zone, date, gap] of days) {
      const [year, month, day] = date.split('-').map(Number) as [number, number, number];
      for (let q = 0; q < 96; q++) {
        const wall = { year, month, day, hour: Math.floor(q / 4), minute: (q % 4) * 15 };
        const { at, exact } = localToInstant(wall, zone);
        const p = zonedParts(at, zone);
        const minutesOff =
          (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) -
            Date.UTC(year, month - 1, day, wall.hour, wall.minute)) /
          60_000;
        expect(minutesOff, `${zone} ${date} ${wall.hour}:${wall.minute}`).toBe(exact ? 0 : gap);
        if (exact) {
          // The earlier of a repeated time: the instant a gap's length before does not show it.
          const earlier = zonedParts(new Date(at.getTime() - 3_600_000), zone);
          expect([earlier.hour, earlier.minute]).not.toEqual([wall.hour, wall.minute]);
        }
      }
    }
  });

  it('reads years before 100 as themselves (Date.UTC would make 50 into 1950)', () => {
    expect(zonedInstant({ year: 50, month: 1, day: 1 }, 'UTC').getUTCFullYear()).toBe(50);
  });

  it('rolls fields over like a calendar: day 32 of December is 1 January', () => {
    expect(isoWithOffset(zonedInstant({ year: 2026, month: 12, day: 32 }, SH), SH)).toBe(
      '2027-01-01T00:00:00+08:00',
    );
  });
});

describe('offsetAt and localDateOf (the cached offset)', () => {
  it('agrees with zonedParts minute by minute through a DST week', () => {
    const start = Date.UTC(2027, 2, 10);
    for (const zone of [NY, BERLIN, SH, 'Australia/Lord_Howe']) {
      for (let t = start; t < start + 7 * 86_400_000; t += 7 * 60_000) {
        expect(offsetAt(zone, t), `${zone} ${t}`).toBe(zonedParts(new Date(t), zone).offsetMinutes);
      }
    }
  });

  it('gives the local date, not the UTC one', () => {
    expect(localDateOf(new Date('2026-11-25T16:00:00Z'), SH)).toBe('2026-11-26');
    expect(localDateOf(new Date('2026-11-25T15:59:59Z'), SH)).toBe('2026-11-25');
    expect(localDateOf(new Date('2026-11-26T03:00:00Z'), NY)).toBe('2026-11-25');
  });
});

describe('text → instant', () => {
  it.each([
    // Fields `new Date` would roll over or accept are refused: a typed mistake stays visible.
    '2026-02-30T09:00:00+08:00',
    '2026-02-29T09:00:00Z',
    '2026-11-14T24:00:00+08:00',
    '2026-11-14T09:60:00+08:00',
    '2026-11-14T09:00:60+08:00',
    '2026-11-14T09:00:00+08:60',
    ' 2026-11-14T09:00:00+08:00',
  ])('parseIsoWithOffset refuses %j', (text) => {
    expect(parseIsoWithOffset(text)).toBeNull();
  });

  it('parseIsoWithOffset keeps milliseconds exactly and takes a leap day', () => {
    expect(parseIsoWithOffset('2026-11-14T09:00:00.291+08:00')?.toISOString()).toBe(
      '2026-11-14T01:00:00.291Z',
    );
    expect(parseIsoWithOffset('2026-11-14T09:00:00.5-03:30')?.toISOString()).toBe(
      '2026-11-14T12:30:00.500Z',
    );
    expect(parseIsoWithOffset('2028-02-29T00:00Z')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it.each([
    // text, zone, instant in the zone, exact
    ['2027-01-09T09:00', SH, '2027-01-09T09:00:00+08:00', true],
    ['2027-01-09T09:00:30', SH, '2027-01-09T09:00:30+08:00', true],
    ['2027-01-09T01:00:00Z', SH, '2027-01-09T09:00:00+08:00', true],
    ['2027-01-09T09:00:00.000+08:00', NY, '2027-01-08T20:00:00-05:00', true],
    ['2027-03-14T02:30', NY, '2027-03-14T03:30:00-04:00', false],
    ['2027-03-14T02:30-05:00', NY, '2027-03-14T03:30:00-04:00', true], // an instant is exact
    ['2027-11-07T01:30', NY, '2027-11-07T01:30:00-04:00', true],
    ['2026-10-25T02:30', BERLIN, '2026-10-25T02:30:00+02:00', true],
    ['2026-03-29T02:30', BERLIN, '2026-03-29T03:30:00+02:00', false],
  ])('parseZonedDateTime %s in %s is %s', (text, zone, iso, exact) => {
    const got = parseZonedDateTime(text, zone);
    expect(got && [isoWithOffset(got.at, zone), got.exact]).toEqual([iso, exact]);
  });

  it.each(['2027-02-30T09:00', '2027-01-09', '2027-01-09 09:00', 'tomorrow', ''])(
    'parseZonedDateTime refuses %j',
    (text) => {
      expect(parseZonedDateTime(text, SH)).toBeNull();
    },
  );
});
