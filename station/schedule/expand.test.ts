import { describe, expect, it } from 'vitest';
import { StationFailure } from '../errors.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import {
  checkRrule,
  expandPlan,
  isOccurrenceOf,
  parseLocalStart,
  type Plan,
  type Recurrence,
} from './expand.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';

function plan(start: string, recurrence: Recurrence, extra: Partial<Plan> = {}): Plan {
  return {
    id: 1,
    kind: 'collective',
    title: '集中学习',
    courseIds: [],
    start: new Date(start),
    durationMinutes: 90,
    recurrence,
    ...extra,
  };
}

const win = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const starts = (p: Plan, w: ReturnType<typeof win>, tz = SH) =>
  expandPlan(p, w, tz).map((o) => isoWithOffset(o.start, tz));

function failureKey(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof StationFailure) return err.key;
    throw err;
  }
  return 'no error';
}

describe('expandPlan', () => {
  it.each([
    {
      name: 'second Saturday of each month',
      plan: plan('2027-01-09T09:00:00+08:00', {
        type: 'rrule',
        rrule: 'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2',
      }),
      window: win('2027-01-01T00:00:00+08:00', '2027-05-01T00:00:00+08:00'),
      tz: SH,
      want: [
        '2027-01-09T09:00:00+08:00',
        '2027-02-13T09:00:00+08:00',
        '2027-03-13T09:00:00+08:00',
        '2027-04-10T09:00:00+08:00',
      ],
    },
    {
      name: 'month day 31 skips months without a 31st',
      plan: plan('2027-01-31T19:30:00+08:00', {
        type: 'rrule',
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=31',
      }),
      window: win('2027-01-01T00:00:00+08:00', '2027-08-01T00:00:00+08:00'),
      tz: SH,
      want: [
        '2027-01-31T19:30:00+08:00',
        '2027-03-31T19:30:00+08:00',
        '2027-05-31T19:30:00+08:00',
        '2027-07-31T19:30:00+08:00',
      ],
    },
    {
      name: 'monthly on the 15th, only inside the window',
      plan: plan('2026-11-15T09:00:00+08:00', {
        type: 'rrule',
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=15',
      }),
      window: win('2027-01-01T00:00:00+08:00', '2027-03-01T00:00:00+08:00'),
      tz: SH,
      want: ['2027-01-15T09:00:00+08:00', '2027-02-15T09:00:00+08:00'],
    },
    {
      name: 'multi-day 冬春训 block of 3 days',
      plan: plan(
        '2027-01-18T08:30:00+08:00',
        { type: 'block', days: 3 },
        { kind: 'winter-spring' },
      ),
      window: win('2027-01-01T00:00:00+08:00', '2027-02-01T00:00:00+08:00'),
      tz: SH,
      want: ['2027-01-18T08:30:00+08:00', '2027-01-19T08:30:00+08:00', '2027-01-20T08:30:00+08:00'],
    },
    {
      name: 'single dates at the start time',
      plan: plan('2027-03-01T14:00:00+08:00', {
        type: 'dates',
        dates: ['2027-06-30', '2027-04-01'],
      }),
      window: win('2027-01-01T00:00:00+08:00', '2028-01-01T00:00:00+08:00'),
      tz: SH,
      want: ['2027-03-01T14:00:00+08:00', '2027-04-01T14:00:00+08:00', '2027-06-30T14:00:00+08:00'],
    },
    {
      name: 'wall time kept across a DST change (New York)',
      plan: plan('2027-03-06T09:00:00-05:00', { type: 'rrule', rrule: 'FREQ=WEEKLY;COUNT=3' }),
      window: win('2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z'),
      tz: NY,
      want: ['2027-03-06T09:00:00-05:00', '2027-03-13T09:00:00-05:00', '2027-03-20T09:00:00-04:00'],
    },
    {
      name: 'a recurring time in the DST gap happens after the gap (RFC 5545)',
      plan: plan('2027-03-13T02:30:00-05:00', { type: 'rrule', rrule: 'FREQ=DAILY;COUNT=3' }),
      window: win('2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z'),
      tz: NY,
      want: ['2027-03-13T02:30:00-05:00', '2027-03-14T03:30:00-04:00', '2027-03-15T02:30:00-04:00'],
    },
    {
      name: 'Berlin: a daily time in the gap moves past it, a repeated one is the earlier',
      plan: plan('2026-03-28T02:30:00+01:00', {
        type: 'dates',
        dates: ['2026-03-29', '2026-10-25', '2026-10-26'],
      }),
      window: win('2026-03-01T00:00:00Z', '2026-11-01T00:00:00Z'),
      tz: BERLIN,
      want: [
        '2026-03-28T02:30:00+01:00',
        '2026-03-29T03:30:00+02:00',
        '2026-10-25T02:30:00+02:00',
        '2026-10-26T02:30:00+01:00',
      ],
    },
  ])('$name', ({ plan: p, window, tz, want }) => {
    expect(starts(p, window, tz)).toEqual(want);
  });

  it('moves one occurrence and cancels another without touching the rest', () => {
    const p = plan(
      '2027-01-09T09:00:00+08:00',
      { type: 'rrule', rrule: 'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2' },
      {
        exceptions: [
          {
            originalStart: new Date('2027-02-13T09:00:00+08:00'),
            action: 'move',
            movedTo: new Date('2027-02-20T14:00:00+08:00'),
            reason: '春节',
          },
          {
            originalStart: new Date('2027-03-13T09:00:00+08:00'),
            action: 'cancel',
            reason: '农忙',
          },
        ],
      },
    );
    const occ = expandPlan(p, win('2027-01-01T00:00:00+08:00', '2027-05-01T00:00:00+08:00'), SH);
    expect(
      occ.map((o) => [isoWithOffset(o.start, SH), isoWithOffset(o.end, SH), o.status, o.reason]),
    ).toEqual([
      ['2027-01-09T09:00:00+08:00', '2027-01-09T10:30:00+08:00', 'scheduled', null],
      ['2027-02-20T14:00:00+08:00', '2027-02-20T15:30:00+08:00', 'moved', '春节'],
      ['2027-03-13T09:00:00+08:00', '2027-03-13T10:30:00+08:00', 'cancelled', '农忙'],
      ['2027-04-10T09:00:00+08:00', '2027-04-10T10:30:00+08:00', 'scheduled', null],
    ]);
  });

  it('shows an occurrence moved into the window from outside it, and not the other way', () => {
    const p = plan(
      '2027-01-09T09:00:00+08:00',
      { type: 'rrule', rrule: 'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2' },
      {
        exceptions: [
          {
            originalStart: new Date('2027-01-09T09:00:00+08:00'),
            action: 'move',
            movedTo: new Date('2027-02-01T09:00:00+08:00'),
            reason: '天气',
          },
        ],
      },
    );
    expect(starts(p, win('2027-01-20T00:00:00+08:00', '2027-02-10T00:00:00+08:00'))).toEqual([
      '2027-02-01T09:00:00+08:00',
    ]);
    expect(starts(p, win('2027-01-01T00:00:00+08:00', '2027-01-20T00:00:00+08:00'))).toEqual([]);
  });

  it('numbers the days of a block, and a block day can be cancelled alone', () => {
    const p = plan(
      '2026-12-07T08:30:00+08:00',
      { type: 'block', days: 2 },
      {
        kind: 'winter-spring',
        exceptions: [
          {
            originalStart: new Date('2026-12-08T08:30:00+08:00'),
            action: 'cancel',
            reason: '降雪',
          },
        ],
      },
    );
    const occ = expandPlan(p, win('2026-12-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00'), SH);
    expect(occ.map((o) => [o.blockDay, o.status])).toEqual([
      [1, 'scheduled'],
      [2, 'cancelled'],
    ]);
  });

  it('expands a plan without an end date over a bounded window only', () => {
    const p = plan('2027-01-09T09:00:00+08:00', { type: 'rrule', rrule: 'FREQ=MONTHLY' });
    expect(failureKey(() => expandPlan(p, { from: new Date(), to: undefined as never }, SH))).toBe(
      'windowUnbounded',
    );
    expect(failureKey(() => expandPlan(p, { from: new Date(0), to: new Date(8.64e15) }, SH))).toBe(
      'windowInvalid',
    );
    expect(
      failureKey(() => expandPlan(p, win('2027-02-01T00:00:00Z', '2027-01-01T00:00:00Z'), SH)),
    ).toBe('windowInvalid');
  });

  it('refuses a duration of 0', () => {
    const p = plan('2027-01-09T09:00:00+08:00', { type: 'once' }, { durationMinutes: 0 });
    expect(
      failureKey(() => expandPlan(p, win('2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z'), SH)),
    ).toBe('durationInvalid');
  });

  it('knows its own occurrences', () => {
    const p = plan('2027-01-09T09:00:00+08:00', {
      type: 'rrule',
      rrule: 'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2',
    });
    expect(isOccurrenceOf(p, new Date('2027-02-13T09:00:00+08:00'), SH)).toBe(true);
    expect(isOccurrenceOf(p, new Date('2027-02-14T09:00:00+08:00'), SH)).toBe(false);
  });
});

describe('checkRrule', () => {
  it.each([
    'FREQ=MONTHLY;BYDAY=XX',
    'FREQ=MONTHLY;BYMONTHDAY=abc',
    'FREQ=MONTHLY;BYMONTHDAY=32',
    'BYMONTHDAY=15',
    'FREQ=HOURLY',
    'FREQ=WEEKLY;INTERVAL=0',
    'garbage',
    'FREQ=MONTHLY;FREQ=WEEKLY',
    'FREQ=DAILY;COUNT=2;UNTIL=20270101',
    '',
  ])('refuses %j with a clear error', (rrule) => {
    expect(failureKey(() => checkRrule(rrule))).toBe('rruleInvalid');
  });

  it.each([
    'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2',
    'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1',
    'freq=yearly;bymonth=12;byday=1mo',
  ])('accepts %j', (rrule) => {
    expect(() => checkRrule(rrule)).not.toThrow();
  });
});

describe('parseLocalStart', () => {
  it('reads a bare local time in the station zone and keeps an explicit offset', () => {
    expect(isoWithOffset(parseLocalStart('2027-01-09T09:00', SH), SH)).toBe(
      '2027-01-09T09:00:00+08:00',
    );
    expect(parseLocalStart('2027-01-09T01:00:00Z', SH).toISOString()).toBe(
      '2027-01-09T01:00:00.000Z',
    );
  });

  it('refuses a local time in the DST gap, and nonsense', () => {
    expect(failureKey(() => parseLocalStart('2027-03-14T02:30', NY))).toBe('startImpossible');
    expect(failureKey(() => parseLocalStart('2027-02-30T09:00', SH))).toBe('startInvalid');
    expect(failureKey(() => parseLocalStart('tomorrow', SH))).toBe('startInvalid');
  });

  it('takes the earlier of a repeated (ambiguous) local time', () => {
    expect(isoWithOffset(parseLocalStart('2027-11-07T01:30', NY), NY)).toBe(
      '2027-11-07T01:30:00-04:00',
    );
  });

  it('refuses the Berlin spring-forward gap and takes the earlier repeated Berlin time', () => {
    expect(failureKey(() => parseLocalStart('2026-03-29T02:30', BERLIN))).toBe('startImpossible');
    // East of UTC the earlier instant is the one at the summer offset (+02:00).
    expect(isoWithOffset(parseLocalStart('2026-10-25T02:30', BERLIN), BERLIN)).toBe(
      '2026-10-25T02:30:00+02:00',
    );
  });

  it('never refuses a time in Shanghai, which has no DST', () => {
    for (const text of ['2027-03-14T02:30', '2027-11-07T01:30', '2026-03-29T02:30']) {
      expect(isoWithOffset(parseLocalStart(text, SH), SH)).toBe(`${text}:00+08:00`);
    }
  });

  it('reads seconds and fractions, and refuses fields a Date would roll over', () => {
    expect(isoWithOffset(parseLocalStart('2027-01-09T09:00:30', SH), SH)).toBe(
      '2027-01-09T09:00:30+08:00',
    );
    expect(parseLocalStart(' 2027-01-09T01:00:00.000Z ', SH).toISOString()).toBe(
      '2027-01-09T01:00:00.000Z',
    );
    expect(failureKey(() => parseLocalStart('2027-02-30T09:00+08:00', SH))).toBe('startInvalid');
    expect(failureKey(() => parseLocalStart('2027-01-09T24:00', SH))).toBe('startInvalid');
  });
});
