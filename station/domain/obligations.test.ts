import { describe, expect, it } from 'vitest';
import {
  addMonths,
  computeObligations,
  endedMissedMonths,
  seasonOf,
  type ObligationInput,
} from './obligations.js';

const base = (over: Partial<ObligationInput> = {}): ObligationInput => ({
  now: new Date('2027-01-20T10:00:00+08:00'),
  timeZone: 'Asia/Shanghai',
  setUpOn: '2026-09-15',
  winterSpring: { startMonth: 11, endMonth: 3 },
  newMemberMonths: 12,
  newMemberWarnDays: 30,
  sessions: [],
  checkIns: [],
  members: [],
  upcoming: [],
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('computeObligations', () => {
  it('month: held, planned or due', () => {
    expect(computeObligations(base()).month).toMatchObject({ month: '2027-01', status: 'due' });
    expect(
      computeObligations(
        base({ upcoming: [{ kind: 'collective', start: at('2027-01-23T09:00:00+08:00') }] }),
      ).month,
    ).toMatchObject({ status: 'planned' });
    expect(
      computeObligations(
        base({ sessions: [{ kind: 'collective', startedAt: at('2027-01-09T09:00:00+08:00') }] }),
      ).month,
    ).toMatchObject({ status: 'held', held: 1 });
  });

  it('winter–spring season wraps the year and counts held days', () => {
    const o = computeObligations(
      base({
        sessions: [
          { kind: 'winter-spring', startedAt: at('2026-12-07T08:30:00+08:00') },
          { kind: 'winter-spring', startedAt: at('2026-12-08T08:30:00+08:00') },
        ],
      }),
    );
    expect(o.winterSpring).toMatchObject({
      season: '2026-11/2027-03',
      from: '2026-11-01',
      to: '2027-03-31',
      status: 'held',
      daysHeld: 2,
    });
    expect(seasonOf(2027, 7, { startMonth: 11, endMonth: 3 })).toMatchObject({
      inSeason: false,
      label: '2027-11/2028-03',
    });
  });

  it('party lecture per calendar year', () => {
    expect(computeObligations(base()).partyLecture).toMatchObject({ year: 2027, status: 'due' });
    expect(
      computeObligations(
        base({ sessions: [{ kind: 'party-lecture', startedAt: at('2026-06-01T09:00:00+08:00') }] }),
      ).partyLecture.status,
    ).toBe('due');
  });

  it.each([
    ['joined 2025-12-01, deadline passed', '2025-12-01', [], 'overdue'],
    ['joined 2026-02-25, deadline in 36 days', '2026-02-25', [], 'due'],
    ['joined 2026-02-10, deadline in 21 days: warn', '2026-02-10', [], 'warn'],
    ['trained in time', '2026-02-10', [at('2026-06-01T09:00:00+08:00')], 'done'],
  ] as const)('new member: %s', (_name, joinedOn, trained, status) => {
    const o = computeObligations(
      base({
        members: [{ id: 7, name: '李明', joinedOn, isMobile: false }],
        checkIns: trained.map((t) => ({ memberId: 7, sessionKind: 'new-member', at: t })),
      }),
    );
    expect(o.newMembers.map((m) => m.status)).toEqual([status]);
  });

  it('ignores new-member deadlines from before the station was set up', () => {
    const o = computeObligations(
      base({ members: [{ id: 1, name: '老党员', joinedOn: '2010-07-01', isMobile: false }] }),
    );
    expect(o.newMembers).toEqual([]);
  });

  it('mobile members need one training a year', () => {
    const o = computeObligations(
      base({
        members: [
          { id: 1, name: '外出甲', joinedOn: null, isMobile: true },
          { id: 2, name: '外出乙', joinedOn: null, isMobile: true },
        ],
        checkIns: [
          { memberId: 2, sessionKind: 'winter-spring', at: at('2027-01-05T09:00:00+08:00') },
        ],
      }),
    );
    expect(o.mobileMembers.map((m) => [m.name, m.status])).toEqual([
      ['外出甲', 'due'],
      ['外出乙', 'done'],
    ]);
  });

  it('missed months use the shared rule (past months of this year since set-up)', () => {
    const o = computeObligations(
      base({
        now: at('2027-04-02T10:00:00+08:00'),
        sessions: [{ kind: 'collective', startedAt: at('2027-02-13T09:00:00+08:00') }],
      }),
    );
    expect(o.missedMonths).toEqual(['2027-01', '2027-03']);
  });
});

describe('endedMissedMonths', () => {
  it('includes last December when it is January', () => {
    expect(
      endedMissedMonths({
        now: at('2027-01-05T10:00:00+08:00'),
        timeZone: 'Asia/Shanghai',
        setUpOn: '2026-10-20',
        sessions: [{ kind: 'collective', startedAt: at('2026-11-14T09:00:00+08:00') }],
      }),
    ).toEqual(['2026-12']);
  });
});

describe('addMonths', () => {
  it('keeps the day or clamps to the month end', () => {
    expect(addMonths('2026-03-31', 12)).toBe('2027-03-31');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});
