import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { station } from '../helpers/station-process.js';

/**
 * The year page from the command line against a real data directory: sessions entered with
 * --at for a past year, check-ins, external hours, then `report compliance --year --json`.
 */
let tmp: ReturnType<typeof makeTempDir>;
let data: string;
const run = (...args: string[]) => station([...args, '--data', data]);

const HELD = [1, 2, 3, 5, 6, 7, 8, 10, 11, 12]; // no collective study in April and September
const mm = (m: number) => String(m).padStart(2, '0');

beforeAll(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run('init', '--demo').code).toBe(0);
  for (const m of HELD) {
    const start = run(
      'session',
      'start',
      '--kind',
      'collective',
      '--title',
      `${m}月集中学习`,
      '--at',
      `2025-${mm(m)}-10T09:00:00+08:00`,
      '--json',
    );
    expect(start.code, start.stderr).toBe(0);
    const id = String((JSON.parse(start.stdout) as { id: number }).id);
    // Three hours: 4 学时 each, 40 over the year.
    for (const who of ['张国庆', '杨德明']) {
      expect(run('checkin', id, who, '--at', `2025-${mm(m)}-10T08:55:00+08:00`).code).toBe(0);
    }
    expect(run('session', 'end', id, '--at', `2025-${mm(m)}-10T12:00:00+08:00`).code).toBe(0);
  }
  // A theme day in April is not the collective study: April stays missed.
  const theme = run(
    'session',
    'start',
    '--kind',
    'theme-day',
    '--title',
    '主题党日',
    '--at',
    '2025-04-15T09:00:00+08:00',
    '--json',
  );
  expect(theme.code).toBe(0);
  // A mobile member's hours where she works count toward her target.
  for (const date of ['2025-06-01', '2025-08-01']) {
    const r = run(
      'hours',
      'external',
      '徐凤英',
      '--date',
      date,
      '--hours',
      '16',
      '--where',
      '东莞',
    );
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);
afterAll(() => tmp.cleanup());

interface Compliance {
  year: number;
  missedMonths: string[];
  months: { month: string; sessions: number; byKind: Record<string, number>; status: string }[];
  members: { active: number; belowTarget: number };
  belowTarget: { name: string; role: string; hours: number; target: number }[];
  mobileMembers: { name: string; hours: number; external: number }[];
}

describe('station report compliance', () => {
  it('shows the missed months and the members below target as JSON', () => {
    const r = run('report', 'compliance', '--year', '2025', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Compliance;
    expect(report.year).toBe(2025);
    expect(report.missedMonths).toEqual(['2025-04', '2025-09']);
    expect(report.months[3]).toMatchObject({ month: '2025-04', sessions: 1, status: 'missed' });
    expect(report.months[0]).toMatchObject({ byKind: { collective: 1 }, status: 'held' });

    const below = new Map(report.belowTarget.map((m) => [m.name, m]));
    expect(below.get('张国庆')).toMatchObject({ role: 'secretary', hours: 40, target: 56 });
    expect(below.has('杨德明')).toBe(false); // 40 of 32
    expect(below.has('徐凤英')).toBe(false); // 32 external
    expect(below.get('李秀英')).toMatchObject({ hours: 0, target: 56 });
    expect(report.members).toEqual({ active: 30, belowTarget: 28 });
    expect(report.mobileMembers.find((m) => m.name === '徐凤英')).toMatchObject({
      hours: 32,
      external: 32,
    });
  });

  it('prints the year page as text in Chinese, and in English with --lang en', () => {
    const zh = run('report', 'compliance', '--year', '2025');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('缺学月份：2025-04、2025-09（共 2 个月）');
    expect(zh.stdout).toMatch(/学时未达标党员：28 名（在册 30 名）/);
    expect(zh.stdout).toMatch(/张国庆\s+书记\s+40\s+56\s+16/);
    const en = run('report', 'compliance', '--year', '2025', '--lang', 'en');
    expect(en.stdout).toContain('Missed months: 2025-04, 2025-09 (2)');
  });

  it('agrees with report hours on every member', () => {
    const hours = JSON.parse(run('report', 'hours', '--year', '2025', '--json').stdout) as {
      members: { name: string; hours: number; target: number }[];
    };
    const compliance = JSON.parse(
      run('report', 'compliance', '--year', '2025', '--json').stdout,
    ) as Compliance;
    const below = hours.members.filter((m) => m.hours < m.target).map((m) => m.name);
    expect(compliance.belowTarget.map((m) => m.name)).toEqual(below);
  });

  it('refuses a missing or malformed year with a usage error', () => {
    for (const args of [[], ['--year', '25'], ['--year', 'next']]) {
      const r = run('report', 'compliance', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--year');
      expect(r.stdout).toBe('');
    }
  });
});
