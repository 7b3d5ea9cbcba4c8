import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { STATION_BIN, station } from '../helpers/station-process.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
const run = (...args: string[]) => station([...args, '--data', data]);
beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run('init', '--demo').code).toBe(0);
});
afterEach(() => tmp.cleanup());

interface HoursReport {
  year: number;
  members: {
    id: number;
    name: string;
    role: string;
    hours: number;
    target: number;
    external: number;
  }[];
}
const hoursOf = (report: HoursReport, name: string) => report.members.find((m) => m.name === name);

describe('running a session from the command line', () => {
  it('credits each member the overlap of presence with the session, rounded down to 0.5 学时', () => {
    const start = run(
      'session',
      'start',
      '--kind',
      'collective',
      '--title',
      '十一月集中学习',
      '--at',
      '2026-11-14T09:00:00+08:00',
      '--json',
    );
    expect(start.code).toBe(0);
    const session = JSON.parse(start.stdout) as { id: number; startedAt: string };
    expect(session.startedAt).toBe('2026-11-14T09:00:00+08:00');
    const id = String(session.id);

    expect(run('checkin', id, '张国庆', '--at', '2026-11-14T08:50:00+08:00').code).toBe(0); // early
    expect(run('checkin', id, 'XY0002', '--at', '2026-11-14T09:40:00+08:00').code).toBe(0); // late, by card
    expect(run('checkin', id, '3', '--at', '2026-11-14T09:00:00+08:00').code).toBe(0); // by id
    expect(run('checkout', id, '王建军', '--at', '2026-11-14T09:50:00+08:00').code).toBe(0); // leaves early
    expect(run('absence', id, '刘桂兰', '--reason', '外出务工').code).toBe(0);
    expect(run('session', 'end', id, '--at', '2026-11-14T11:00:00+08:00').code).toBe(0);

    const report = JSON.parse(
      run('report', 'hours', '--year', '2026', '--json').stdout,
    ) as HoursReport;
    expect(report.year).toBe(2026);
    expect(hoursOf(report, '张国庆')).toMatchObject({ role: 'secretary', hours: 2.5, target: 56 }); // 120 min
    expect(hoursOf(report, '李秀英')).toMatchObject({ role: 'committee', hours: 1.5 }); // 80 min
    expect(hoursOf(report, '王建军')).toMatchObject({ hours: 1 }); // 50 min
    expect(hoursOf(report, '刘桂兰')).toMatchObject({ hours: 0 });
    expect(hoursOf(report, '杨德明')).toMatchObject({ role: 'member', hours: 0, target: 32 });
    expect(report.members).toHaveLength(30);
  });

  it('refuses a second check-in, a check-in after the end, and unknown sessions or members', () => {
    const id = run(
      'session',
      'start',
      '--kind',
      'party-lecture',
      '--title',
      '党课',
      '--at',
      '2026-11-14T09:00:00+08:00',
    ).stdout.trim();
    expect(run('checkin', id, '张国庆', '--at', '2026-11-14T09:00:00+08:00').code).toBe(0);
    const twice = run('checkin', id, '张国庆');
    expect(twice.code).toBe(1);
    expect(twice.stderr.trim()).toBe('张国庆 已经签到过了（2026-11-14T09:00:00+08:00）');
    run('session', 'end', id, '--at', '2026-11-14T10:00:00+08:00');
    expect(run('checkin', id, '李秀英').stderr).toContain('已于 2026-11-14T10:00:00+08:00 结束');
    expect(run('checkin', '999', '张国庆').stderr.trim()).toBe('没有编号为 999 的学习活动');
    expect(run('checkin', 'abc', '张国庆').stderr.trim()).toBe('没有编号为 abc 的学习活动');
    // A year that is no year is named as such, not reported missing.
    const badYear = run('report', 'hours', '--year', '26');
    expect([badYear.code, badYear.stderr.trim()]).toEqual([
      2,
      '--year 的值“26”无效，请写成四位年份，例如 2026',
    ]);
    const noYear = run('report', 'hours');
    expect([noYear.code, noYear.stderr.trim()]).toEqual([2, '缺少参数：--year YYYY']);
    expect(run('checkin', id, '不存在').stderr).toContain('找不到党员“不存在”');
    expect(run('session', 'start', '--kind', 'party', '--title', 'x').stderr).toContain(
      '未知的学习活动类型',
    );
    expect(
      run('session', 'start', '--kind', 'collective', '--title', 'x', '--at', '2026-11-14 09:00')
        .code,
    ).toBe(1);
    const db = new Database(path.join(data, 'station.db'), { readonly: true });
    expect(
      db.prepare("SELECT count(*) AS n FROM attendance_records WHERE kind = 'check-in'").get(),
    ).toEqual({ n: 1 });
    db.close();
  });

  it('a name two members share is an error that lists both', () => {
    const db = new Database(path.join(data, 'station.db'));
    db.prepare(
      "INSERT INTO members (name, card_code, created_at, updated_at) VALUES ('张国庆', 'XY9999', 'x', 'x')",
    ).run();
    db.close();
    const id = run('session', 'start', '--kind', 'collective', '--title', 'x').stdout.trim();
    const r = run('checkin', id, '张国庆');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('#1（XY0001）');
    expect(r.stderr).toContain('（XY9999）');
  });

  it('corrections are appended, never edits, and change the credited hours', () => {
    const id = run(
      'session',
      'start',
      '--kind',
      'collective',
      '--title',
      'x',
      '--at',
      '2026-03-07T09:00:00+08:00',
    ).stdout.trim();
    run('checkin', id, '李秀英', '--at', '2026-03-07T10:00:00+08:00');
    run('session', 'end', id, '--at', '2026-03-07T11:00:00+08:00');
    const before = JSON.parse(
      run('report', 'hours', '--year', '2026', '--json').stdout,
    ) as HoursReport;
    expect(hoursOf(before, '李秀英')?.hours).toBe(1);
    expect(
      run('attendance', 'correct', id, '李秀英', '--checkin', '2026-03-07T09:00:00+08:00').code,
    ).toBe(2); // no reason
    expect(
      run(
        'attendance',
        'correct',
        id,
        '李秀英',
        '--checkin',
        '2026-03-07T09:00:00+08:00',
        '--reason',
        '按签到表更正',
      ).code,
    ).toBe(0);
    const after = JSON.parse(
      run('report', 'hours', '--year', '2026', '--json').stdout,
    ) as HoursReport;
    expect(hoursOf(after, '李秀英')?.hours).toBe(2.5);
    const db = new Database(path.join(data, 'station.db'), { readonly: true });
    const rows = db
      .prepare(
        'SELECT kind, at, corrects_id AS correctsId, reason FROM attendance_records ORDER BY id',
      )
      .all();
    db.close();
    expect(rows).toEqual([
      { kind: 'check-in', at: '2026-03-07T02:00:00.000Z', correctsId: null, reason: null },
      { kind: 'correction', at: '2026-03-07T01:00:00.000Z', correctsId: 1, reason: '按签到表更正' },
    ]);
  });

  it('external hours of a mobile member count toward the target, flagged as external', () => {
    expect(
      run(
        'hours',
        'external',
        '林海涛',
        '--date',
        '2026-06-01',
        '--hours',
        '4',
        '--where',
        '广东省东莞市',
        '--note',
        '流入地党组织培训',
      ).code,
    ).toBe(0);
    expect(
      run('hours', 'external', '林海涛', '--date', '2026-02-30', '--hours', '4', '--where', 'x')
        .code,
    ).toBe(2);
    const report = JSON.parse(
      run('report', 'hours', '--year', '2026', '--json').stdout,
    ) as HoursReport;
    expect(hoursOf(report, '林海涛')).toMatchObject({ hours: 4, external: 4 });
  });
});

describe('a process killed during check-ins', () => {
  it('loses no acknowledged check-in and leaves the database intact', async () => {
    const id = run(
      'session',
      'start',
      '--kind',
      'collective',
      '--title',
      'kill test',
    ).stdout.trim();
    // A driver script checks in members one by one, printing each id only after the call
    // returned; we SIGKILL it mid-way and compare what it acknowledged with what is on disk.
    const driver = `
      const { initDataDir } = await import(${JSON.stringify(path.join(path.dirname(STATION_BIN), '..', 'build', 'station', 'init.js'))});
      const { checkIn } = await import(${JSON.stringify(path.join(path.dirname(STATION_BIN), '..', 'build', 'station', 'attendance', 'sessions.js'))});
      const { db } = initDataDir({ dataDir: ${JSON.stringify(data)}, clock: { now: () => new Date() } });
      const members = db.prepare('SELECT id, name, state, role FROM members').all();
      for (let round = 0; ; round++) {
        for (const m of members) {
          if (round === 0) { checkIn(db, ${id}, m, new Date(), 'kill-test', new Date()); process.stdout.write(m.id + '\\n'); }
        }
        if (round === 0) process.stdout.write('done\\n');
        await new Promise((r) => setTimeout(r, 50));
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', driver], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: number[] = [];
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        for (const line of d.toString().split('\n').filter(Boolean)) {
          if (line === 'done') continue;
          acknowledged.push(Number(line));
          if (acknowledged.length === 12) {
            child.kill('SIGKILL');
          }
        }
      });
      child.on('exit', () => resolve());
    });
    expect(acknowledged.length).toBeGreaterThanOrEqual(12);
    const db = new Database(path.join(data, 'station.db'), { readonly: true });
    const stored = (
      db.prepare("SELECT member_id AS m FROM attendance_records WHERE kind = 'check-in'").all() as {
        m: number;
      }[]
    ).map((r) => r.m);
    db.close();
    for (const m of acknowledged) expect(stored).toContain(m);
    expect(JSON.parse(run('db', 'check', '--json').stdout).integrity).toBe('ok');
  });
});
