import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { ROOT, station } from '../helpers/station-process.js';
import { backdateRoster, startThemeDay } from '../helpers/theme-day.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
const run = (...args: string[]) => station([...args, '--data', data]);
const hasGhostscript = spawnSync('gs', ['--version']).status === 0;

beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run('init', '--demo').code).toBe(0);
  backdateRoster(data);
});
afterEach(() => tmp.cleanup());

describe('station export signin-sheet', () => {
  it('prints an A4 PDF with the Chinese font embedded, one line per expected member', () => {
    const id = startThemeDay(data, { checkinAt: '2026-11-14T08:52:00+08:00' });
    expect(run('checkin', id, '王建军', '--at', '2026-11-14T09:03:00+08:00').code).toBe(0);
    expect(run('absence', id, '刘桂兰', '--reason', '外出务工').code).toBe(0);
    const out = path.join(tmp.dir, '签到表.pdf');
    const r = run('export', 'signin-sheet', id, '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file: out, members: 30 });
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.toString('latin1');
    // Subset Noto Sans SC embedded: no Chinese system font is needed to read or print it.
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);
    expect(text).toMatch(/\/FontFile2|\/FontFile3|\/FontFile /);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2); // 30 members on A4: two pages
    expect(text).toMatch(/\/MediaBox \[0 0 594\.9\d* 841\.9\d*\]/); // A4 in points

    if (hasGhostscript) {
      // Render page 1 from the PDF itself (not the HTML) to look at: test-results/signin-sheet.png.
      const png = path.join(ROOT, 'test-results', 'signin-sheet.png');
      fs.mkdirSync(path.dirname(png), { recursive: true });
      const gs = spawnSync('gs', [
        '-q',
        '-dSAFER',
        '-sDEVICE=png16m',
        '-r80',
        '-dFirstPage=1',
        '-dLastPage=1',
        '-o',
        png,
        out,
      ]);
      expect(gs.status, gs.stderr?.toString()).toBe(0);
      expect(fs.statSync(png).size).toBeGreaterThan(10_000);
    }
  }, 60_000);

  it('a missing session or a missing --out is a clear error and writes nothing', () => {
    const out = path.join(tmp.dir, 'x.pdf');
    const missing = run('export', 'signin-sheet', '99', '--out', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('没有编号为 99 的学习活动');
    expect(run('export', 'signin-sheet', '1').code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('without the browser it says which path it looked for', () => {
    const id = run('session', 'start', '--kind', 'collective', '--title', '学习').stdout.trim();
    const r = station(
      [
        'export',
        'signin-sheet',
        id,
        '--out',
        path.join(tmp.dir, 'y.pdf'),
        '--data',
        data,
        '--lang',
        'en',
      ],
      {
        STATION_CHROMIUM: '/nonexistent/chromium',
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(/nonexistent/chromium)');
  });
});

describe('station export study-record', () => {
  it('prints the month: its sessions with attendance counts and each member’s 学时', () => {
    const id = run(
      'session',
      'start',
      '--kind',
      'collective',
      '--title',
      '十一月集中学习',
      '--at',
      '2026-11-14T09:00:00+08:00',
    ).stdout.trim();
    expect(run('checkin', id, '张国庆', '--at', '2026-11-14T09:00:00+08:00').code).toBe(0);
    expect(run('session', 'end', id, '--at', '2026-11-14T10:30:00+08:00').code).toBe(0);
    const out = path.join(tmp.dir, 'record.pdf');
    const r = run('export', 'study-record', '--month', '2026-11', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const pdf = fs.readFileSync(out).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);
    const bad = run('export', 'study-record', '--month', '2026-13', '--out', out, '--lang', 'en');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'The month "2026-13" is not valid; write it as YYYY-MM, e.g. 2026-11',
    );
  }, 60_000);
});
