import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../../test/helpers/attendance-fixture.js';
import { hoursReport } from './hours-report.js';

const NOW = new Date('2026-12-31T00:00:00+08:00');
let f: Fixture;
beforeEach(() => {
  f = makeFixture();
});
afterEach(() => f.cleanup());

const line = (name: string, year = 2026) =>
  hoursReport(f.db, year, NOW).members.find((m) => m.name === name)!;
const min = (n: number) => n * 60;

describe('make-up credit (补学) from the play log', () => {
  it('credits watched time by the policy: 45 min a 学时, rounded down to 0.5', () => {
    const a = f.member('张国庆');
    f.makeup(a, '2026-03-10T20:00:00+08:00', [[0, min(100)]]); // 100 min → 2.22 → 2
    expect(line('张国庆')).toMatchObject({ hours: 2, makeup: 2, external: 0 });
  });

  it('counts a rewind once: overlapping ranges across play rows of one file are merged', () => {
    const a = f.member('李秀英');
    const id = f.makeup(a, '2026-03-10T20:00:00+08:00', [[0, min(40)]]);
    f.play(id, '2026-03-10T20:45:00+08:00', [[min(20), min(70)]]); // 20–40 seen again
    // 70 distinct minutes → 1.55 → 1.5
    expect(line('李秀英').makeup).toBe(1.5);
  });

  it('adds the parts of a course in different files', () => {
    const a = f.member('王建军');
    const id = f.makeup(a, '2026-03-10T20:00:00+08:00', [[0, min(45)]], { file: 'c/1.mp4' });
    f.play(id, '2026-03-10T20:50:00+08:00', [[0, min(45)]], { file: 'c/2.mp4' });
    expect(line('王建军').makeup).toBe(2);
  });

  it('never credits more media time than the wall-clock time played (fast-forward)', () => {
    const a = f.member('刘桂兰');
    f.makeup(a, '2026-03-10T20:00:00+08:00', [[0, min(180)]], { minutes: 50 });
    expect(line('刘桂兰').makeup).toBe(1); // 50 wall minutes
  });

  it('ignores play rows of another course that name the make-up', () => {
    const a = f.member('陈志强');
    const id = f.makeup(a, '2026-03-10T20:00:00+08:00', [[0, min(45)]]);
    f.play(id, '2026-03-10T21:00:00+08:00', [[0, min(90)]], { course: 'other' });
    expect(line('陈志强').makeup).toBe(1);
  });

  it('credits nothing extra for a session the member attended in full', () => {
    const a = f.member('赵红梅');
    const s = f.session('collective', '2026-03-05T09:00:00+08:00', '2026-03-05T10:30:00+08:00');
    f.attend(s, a, '2026-03-05T09:00:00+08:00');
    f.makeup(a, '2026-03-06T20:00:00+08:00', [[0, min(90)]], { forSessionId: s });
    expect(line('赵红梅')).toMatchObject({ hours: 2, makeup: 0 });
  });

  it('tops up a member who left early to what the session credits in full, and no further', () => {
    const a = f.member('孙立新');
    const s = f.session('collective', '2026-03-05T09:00:00+08:00', '2026-03-05T12:00:00+08:00'); // 4 学时
    f.attend(s, a, '2026-03-05T09:00:00+08:00', '2026-03-05T10:30:00+08:00'); // 2
    f.makeup(a, '2026-03-06T20:00:00+08:00', [[0, min(180)]], { forSessionId: s }); // 4 watched
    f.makeup(a, '2026-03-07T20:00:00+08:00', [[0, min(180)]], { forSessionId: s }); // nothing left
    expect(line('孙立新')).toMatchObject({ hours: 4, makeup: 2 });
  });

  it('credits a missed session made up in full, as make-up', () => {
    const a = f.member('周文华');
    const s = f.session('collective', '2026-03-05T09:00:00+08:00', '2026-03-05T10:30:00+08:00');
    f.makeup(a, '2026-03-08T20:00:00+08:00', [[0, min(95)]], { forSessionId: s });
    expect(line('周文华')).toMatchObject({ hours: 2, makeup: 2 });
  });

  it('shares the daily cap with the sessions of the same day, sessions first', () => {
    const a = f.member('吴春生');
    const s = f.session('training', '2026-04-01T08:00:00+08:00', '2026-04-01T14:00:00+08:00'); // 8
    f.attend(s, a, '2026-04-01T08:00:00+08:00');
    f.makeup(a, '2026-04-01T19:00:00+08:00', [[0, min(90)]]); // same day: capped to 0
    f.makeup(a, '2026-04-02T19:00:00+08:00', [[0, min(90)]]); // next day: 2
    expect(line('吴春生')).toMatchObject({ hours: 10, makeup: 2 });
  });

  it('counts a make-up in the year it was watched, not the year of the missed session', () => {
    const a = f.member('郑小燕');
    const s = f.session('collective', '2026-12-20T09:00:00+08:00', '2026-12-20T10:30:00+08:00');
    f.makeup(a, '2027-01-03T20:00:00+08:00', [[0, min(90)]], { forSessionId: s });
    expect(line('郑小燕', 2026).makeup).toBe(0);
    expect(line('郑小燕', 2027)).toMatchObject({ hours: 2, makeup: 2 });
  });

  it('uses the station time zone for the year: 23:30 on 31 Dec in Beijing is that year', () => {
    const a = f.member('黄大明');
    f.makeup(a, '2026-12-31T23:30:00+08:00', [[0, min(45)]]);
    expect(line('黄大明', 2026).makeup).toBe(1);
    expect(line('黄大明', 2027).makeup).toBe(0);
  });

  it('credits a make-up with no play rows as nothing', () => {
    const a = f.member('林海');
    f.makeup(a, '2026-05-01T20:00:00+08:00', []);
    expect(line('林海')).toMatchObject({ hours: 0, makeup: 0 });
  });

  it('adds make-up, sessions and external hours into one total against the target', () => {
    const a = f.member('何建国', { role: 'committee', mobile: true });
    const s = f.session('collective', '2026-06-05T09:00:00+08:00', '2026-06-05T10:30:00+08:00');
    f.attend(s, a, '2026-06-05T09:00:00+08:00');
    f.makeup(a, '2026-06-07T20:00:00+08:00', [[0, min(45)]]);
    f.external(a, '2026-07-01', 6);
    expect(line('何建国')).toMatchObject({
      role: 'committee',
      hours: 9,
      target: 56,
      makeup: 1,
      external: 6,
    });
  });
});
