import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../../test/helpers/attendance-fixture.js';
import { sessionCredits } from './credits.js';
import { correctAttendance, recordExcused } from './sessions.js';

const POLICY = { minutesPerCreditHour: 45, roundingStep: 0.5, maxPerDay: 8 };
const YEAR = {
  from: new Date('2026-01-01T00:00:00+08:00'),
  to: new Date('2027-01-01T00:00:00+08:00'),
};
const T = (iso: string) => new Date(iso);

let f: Fixture;
beforeEach(() => {
  f = makeFixture();
});
afterEach(() => f.cleanup());

const lines = (now = '2026-12-31T00:00:00+08:00') =>
  sessionCredits(f.db, YEAR, POLICY, 'Asia/Shanghai', T(now));

describe('session credit lines, folded from the append-only log in SQL', () => {
  it('clips presence to the session and credits by the policy', () => {
    const a = f.member('张国庆');
    const b = f.member('李秀英');
    const s = f.session('collective', '2026-03-05T09:00:00+08:00', '2026-03-05T11:00:00+08:00');
    f.attend(s, a, '2026-03-05T08:30:00+08:00'); // early: counts from 09:00, 120 min
    f.attend(s, b, '2026-03-05T09:40:00+08:00', '2026-03-05T10:50:00+08:00'); // 70 min
    expect(lines().map((l) => [l.memberId, l.minutes, l.credit, l.day, l.corrected])).toEqual([
      [a.id, 120, 2.5, '2026-03-05', false],
      [b.id, 70, 1.5, '2026-03-05', false],
    ]);
  });

  it('counts a running session up to now', () => {
    const a = f.member('张国庆');
    const s = f.session('collective', '2026-03-05T09:00:00+08:00', null);
    f.attend(s, a, '2026-03-05T09:00:00+08:00');
    expect(lines('2026-03-05T10:00:00+08:00')[0]).toMatchObject({ minutes: 60, credit: 1 });
  });

  it('lets the latest correction of each field win and says the line was corrected', () => {
    const a = f.member('张国庆');
    const ref = { ...a, state: 'active', role: 'member' };
    const s = f.session('collective', '2026-03-05T09:00:00+08:00', '2026-03-05T12:00:00+08:00');
    f.attend(s, a, '2026-03-05T10:00:00+08:00');
    const now = T('2026-03-06T00:00:00+08:00');
    const fix = (o: object) =>
      correctAttendance(
        f.db,
        { sessionId: s, member: ref, reason: '按签到表', by: 't', ...o },
        now,
      );
    fix({ checkIn: T('2026-03-05T09:30:00+08:00') });
    fix({ checkIn: T('2026-03-05T09:00:00+08:00'), checkOut: T('2026-03-05T11:15:00+08:00') });
    expect(lines()[0]).toMatchObject({ minutes: 135, credit: 3, corrected: true });
    fix({ credit: 1.5 });
    expect(lines()[0]).toMatchObject({ minutes: 135, credit: 1.5, corrected: true });
  });

  it('keeps an excused absence and its reason, with no credit', () => {
    const a = f.member('张国庆');
    const s = f.session('collective', '2026-03-05T09:00:00+08:00', '2026-03-05T12:00:00+08:00');
    recordExcused(
      f.db,
      s,
      { ...a, state: 'active', role: 'member' },
      '外出务工',
      't',
      T('2026-03-05T08:00:00+08:00'),
    );
    expect(lines()[0]).toMatchObject({
      excused: true,
      excuseReason: '外出务工',
      checkIn: null,
      credit: 0,
    });
  });
});
