import { afterEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../../test/helpers/attendance-fixture.js';
import { writeSetting } from '../settings/store.js';
import { complianceReport } from './compliance-report.js';

let f: Fixture;
afterEach(() => f.cleanup());

/** A collective study of 3 hours (4 学时) on the 10th of each listed month of 2026. */
function monthly(months: number[], kind: 'collective' | 'theme-day' = 'collective'): number[] {
  return months.map((m) => {
    const mm = String(m).padStart(2, '0');
    return f.session(kind, `2026-${mm}-10T09:00:00+08:00`, `2026-${mm}-10T12:00:00+08:00`);
  });
}

describe('missed months', () => {
  it.each([
    {
      name: 'set up before the year, no study in March and May',
      setUpOn: '2025-06-01',
      held: [1, 2, 4, 6, 7, 8, 9, 10],
      now: '2026-11-26T12:00:00+08:00',
      missed: ['2026-03', '2026-05'],
    },
    {
      name: 'set up mid-year on the 15th: the set-up month and those before are not counted',
      setUpOn: '2026-06-15',
      held: [8],
      now: '2026-11-26T12:00:00+08:00',
      missed: ['2026-07', '2026-09', '2026-10'],
    },
    {
      name: 'set up on the 1st: that month counts',
      setUpOn: '2026-06-01',
      held: [7],
      now: '2026-09-02T12:00:00+08:00',
      missed: ['2026-06', '2026-08'],
    },
    {
      name: 'a theme day is not the collective study',
      setUpOn: '2025-01-01',
      held: [],
      themeDays: [1, 2],
      now: '2026-03-01T00:30:00+08:00', // Feb 28 16:30 UTC: already March in Beijing
      missed: ['2026-01', '2026-02'],
    },
    {
      name: 'a past year is complete',
      setUpOn: '2025-01-01',
      held: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      now: '2027-02-01T12:00:00+08:00',
      missed: ['2026-12'],
    },
  ])('$name', ({ setUpOn, held, themeDays, now, missed }) => {
    f = makeFixture(setUpOn);
    monthly(held);
    if (themeDays) monthly(themeDays, 'theme-day');
    const r = complianceReport(f.db, 2026, new Date(now));
    expect(r.missedMonths).toEqual(missed);
    const statuses = Object.fromEntries(r.months.map((m) => [m.month, m.status]));
    for (const m of missed) expect(statuses[m]).toBe('missed');
    for (const m of held) expect(statuses[`2026-${String(m).padStart(2, '0')}`]).toBe('held');
  });

  it('marks months before set-up, and the current and later months, as not missed', () => {
    f = makeFixture('2026-06-15');
    const r = complianceReport(f.db, 2026, new Date('2026-09-20T12:00:00+08:00'));
    expect(r.months.map((m) => m.status)).toEqual([
      ...Array(6).fill('not-counted'),
      'missed',
      'missed',
      'open',
      'open',
      'open',
      'open',
    ]);
  });

  it('counts sessions per month by kind', () => {
    f = makeFixture('2026-01-01');
    monthly([3]);
    f.session('party-lecture', '2026-03-20T09:00:00+08:00', '2026-03-20T11:00:00+08:00');
    const march = complianceReport(f.db, 2026, new Date('2026-11-26T00:00:00Z')).months[2]!;
    expect(march).toEqual({
      month: '2026-03',
      sessions: 2,
      byKind: { collective: 1, 'party-lecture': 1 },
      status: 'held',
    });
  });
});

describe('members below target', () => {
  it('lists members short of 32 (members) or 56 (secretary, committee), counting make-up and external hours', () => {
    f = makeFixture('2026-01-01');
    const sec = f.member('张国庆', { role: 'secretary' });
    const full = f.member('李秀英');
    const short = f.member('王建军');
    const mobile = f.member('刘桂兰', { mobile: true, worksIn: '广东省东莞市' });
    const ids = monthly([1, 2, 3, 4, 5, 6, 7, 8]); // 8 × 4 = 32
    // Checked in before each session began: credited its whole running time.
    for (const id of ids) for (const m of [sec, full]) f.attend(id, m, '2026-01-01T00:00:00Z');
    for (const id of ids.slice(0, 7)) f.attend(id, short, '2026-01-01T00:00:00Z'); // 28
    f.makeup(short, '2026-10-01T20:00:00+08:00', [[0, 45 * 60 * 3]]); // +3 → 31
    for (const id of ids.slice(0, 4)) f.attend(id, mobile, '2026-01-01T00:00:00Z'); // 16
    f.external(mobile, '2026-09-01', 16); // +16 → 32
    const r = complianceReport(f.db, 2026, new Date('2026-11-26T12:00:00+08:00'));
    expect(r.members).toEqual({ active: 4, belowTarget: 2 });
    expect(r.belowTarget.map((l) => [l.name, l.hours, l.target, l.shortfall, l.makeup])).toEqual([
      ['张国庆', 32, 56, 24, 0],
      ['王建军', 31, 32, 1, 3],
    ]);
    expect(r.mobileMembers).toMatchObject([
      { name: '刘桂兰', worksIn: '广东省东莞市', hours: 32, external: 16, trainedAtHome: false },
    ]);
  });
});

describe('secretary and committee concentrated training', () => {
  it('is met by a training class or winter–spring session attended this year, not by a collective study', () => {
    f = makeFixture('2026-01-01');
    const sec = f.member('张国庆', { role: 'secretary' });
    const com = f.member('李秀英', { role: 'committee' });
    const [study] = monthly([2]);
    f.attend(study!, com, '2026-02-10T09:00:00+08:00');
    const t = f.session('training', '2026-04-01T09:00:00+08:00', '2026-04-01T17:00:00+08:00');
    f.attend(t, sec, '2026-04-01T09:00:00+08:00');
    const r = complianceReport(f.db, 2026, new Date('2026-11-26T12:00:00+08:00'));
    expect(r.leaders.map((l) => [l.name, l.trained, l.trainings.map((x) => x.date)])).toEqual([
      ['张国庆', true, ['2026-04-01']],
      ['李秀英', false, []],
    ]);
  });
});

describe('new members', () => {
  it.each([
    { joinedOn: '2025-12-20', trained: null, status: 'due-soon', daysLeft: 24 },
    { joinedOn: '2025-11-20', trained: null, status: 'overdue', daysLeft: -6 },
    { joinedOn: '2026-06-01', trained: null, status: 'open', daysLeft: 187 },
    { joinedOn: '2025-11-20', trained: '2026-03-05', status: 'done', daysLeft: -6 },
    { joinedOn: '2025-03-01', trained: '2026-03-05', status: 'late', daysLeft: -270 },
  ])(
    'joined $joinedOn, trained $trained → $status ($daysLeft days)',
    ({ joinedOn, trained, status, daysLeft }) => {
      f = makeFixture('2025-01-01');
      const m = f.member('彭光辉', { joinedOn });
      if (trained) {
        const s = f.session('new-member', `${trained}T09:00:00+08:00`, `${trained}T17:00:00+08:00`);
        f.attend(s, m, `${trained}T09:00:00+08:00`);
      }
      const r = complianceReport(f.db, 2026, new Date('2026-11-26T12:00:00+08:00'));
      expect(r.newMembers).toEqual([
        expect.objectContaining({ name: '彭光辉', joinedOn, status, daysLeft, trainedOn: trained }),
      ]);
    },
  );

  it('leaves out members whose deadline lies before the year, and a session before joining does not count', () => {
    f = makeFixture('2020-01-01');
    f.member('老党员', { joinedOn: '1990-07-01' });
    const m = f.member('新党员', { joinedOn: '2026-05-01' });
    const s = f.session('new-member', '2026-04-01T09:00:00+08:00', '2026-04-01T17:00:00+08:00');
    f.attend(s, m, '2026-04-01T09:00:00+08:00');
    const r = complianceReport(f.db, 2026, new Date('2026-11-26T12:00:00+08:00'));
    expect(r.newMembers.map((n) => [n.name, n.status, n.deadline])).toEqual([
      ['新党员', 'open', '2027-05-01'],
    ]);
  });

  it('takes the window and the warning from the settings', () => {
    f = makeFixture('2025-01-01');
    writeSetting(f.db, 'newMember.trainingWithinMonths', 6, new Date());
    writeSetting(f.db, 'newMember.warnDays', 60, new Date());
    f.member('彭光辉', { joinedOn: '2026-07-01' });
    const r = complianceReport(f.db, 2026, new Date('2026-11-26T12:00:00+08:00'));
    expect(r.newMembers[0]).toMatchObject({ deadline: '2027-01-01', status: 'due-soon' });
  });
});

describe('winter–spring training and party lectures', () => {
  it('groups winter–spring sessions into seasons across the year boundary', () => {
    f = makeFixture('2025-01-01');
    const ws = (day: string) =>
      f.session('winter-spring', `${day}T09:00:00+08:00`, `${day}T17:00:00+08:00`, `冬春训 ${day}`);
    ws('2025-12-15');
    ws('2026-01-20');
    ws('2026-01-21');
    ws('2026-12-10');
    ws('2027-01-05');
    f.session('winter-spring', '2026-06-01T09:00:00+08:00', '2026-06-01T12:00:00+08:00'); // outside
    const r = complianceReport(f.db, 2026, new Date('2026-12-20T12:00:00+08:00'));
    expect(r.winterSpring.minDays).toBe(2);
    expect(
      r.winterSpring.seasons.map((s) => [
        s.label,
        s.status,
        s.days,
        s.enough,
        s.sessions.map((x) => x.date),
      ]),
    ).toEqual([
      ['2025—2026', 'done', 3, true, ['2025-12-15', '2026-01-20', '2026-01-21']],
      ['2026—2027', 'in-progress', 2, true, ['2026-12-10', '2027-01-05']],
    ]);
  });

  it('says a season with one day is not enough', () => {
    f = makeFixture('2025-01-01');
    f.session('winter-spring', '2026-02-03T09:00:00+08:00', '2026-02-03T17:00:00+08:00');
    const r = complianceReport(f.db, 2026, new Date('2026-05-01T12:00:00+08:00'));
    expect(r.winterSpring.seasons[0]).toMatchObject({ days: 1, enough: false });
  });

  it('lists the party lectures of the year', () => {
    f = makeFixture('2025-01-01');
    f.session('party-lecture', '2025-07-01T09:00:00+08:00', '2025-07-01T11:00:00+08:00');
    expect(complianceReport(f.db, 2026, new Date('2026-11-26T00:00:00Z')).partyLectures).toEqual({
      held: false,
      sessions: [],
    });
    f.session(
      'party-lecture',
      '2026-07-01T09:00:00+08:00',
      '2026-07-01T11:00:00+08:00',
      '七一党课',
    );
    const r = complianceReport(f.db, 2026, new Date('2026-11-26T00:00:00Z'));
    expect(r.partyLectures).toMatchObject({
      held: true,
      sessions: [{ title: '七一党课', date: '2026-07-01' }],
    });
  });
});
