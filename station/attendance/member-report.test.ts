import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../../test/helpers/attendance-fixture.js';
import { StationFailure } from '../errors.js';
import { memberReport } from './member-report.js';
import { recordExcused } from './sessions.js';

const NOW = new Date('2026-11-26T12:00:00+08:00');
let f: Fixture;
beforeEach(() => {
  f = makeFixture('2025-01-01');
});
afterEach(() => f.cleanup());

const day = (d: string, kind: 'collective' | 'party-lecture' = 'collective') =>
  f.session(kind, `${d}T09:00:00+08:00`, `${d}T12:00:00+08:00`, `${d} 学习`);

describe('the member page', () => {
  it('shows hours against the target, sessions attended, absences, make-up and external hours', () => {
    const m = f.member('徐凤英', { joinedOn: '2001-07-01', mobile: true, worksIn: '东莞' });
    const jan = day('2026-01-10');
    const feb = day('2026-02-10');
    const mar = day('2026-03-10');
    const apr = day('2026-04-10', 'party-lecture');
    day('2027-01-10'); // next year: not on this page
    f.attend(jan, m, '2026-01-10T09:00:00+08:00'); // 4
    recordExcused(f.db, feb, { ...m, state: 'active', role: 'member' }, '外出务工', 't', NOW);
    f.makeup(m, '2026-02-20T20:00:00+08:00', [[0, 90 * 60]], { forSessionId: feb }); // 2
    f.external(m, '2026-06-01', 6);
    const r = memberReport(f.db, m.id, 2026, NOW);
    expect(r).toMatchObject({
      year: 2026,
      member: { name: '徐凤英', role: 'member', isMobile: true, worksIn: '东莞' },
      hours: 12,
      target: 32,
      sessionHours: 4,
      makeup: 2,
      external: 6,
    });
    expect(r.attended.map((a) => [a.date, a.credit])).toEqual([['2026-01-10', 4]]);
    expect(r.makeups).toEqual([
      expect.objectContaining({ date: '2026-02-20', credit: 2, forSession: '2026-02-10 学习' }),
    ]);
    expect(r.externalEntries).toEqual([
      { date: '2026-06-01', hours: 6, place: '深圳', note: null },
    ]);
    expect(r.absences.map((a) => [a.sessionId, a.excused, a.reason, a.madeUp])).toEqual([
      [feb, true, '外出务工', true],
      [mar, false, null, false],
      [apr, false, null, false],
    ]);
  });

  it('does not count sessions before the member joined, or after now, as absences', () => {
    const m = f.member('彭光辉', { joinedOn: '2026-05-01' });
    day('2026-04-10');
    const jun = day('2026-06-10');
    day('2026-12-10');
    const r = memberReport(f.db, m.id, 2026, NOW);
    expect(r.absences.map((a) => a.sessionId)).toEqual([jun]);
  });

  it('is a clear not-found for a member that does not exist', () => {
    expect(() => memberReport(f.db, 999, 2026, NOW)).toThrow(StationFailure);
  });
});
