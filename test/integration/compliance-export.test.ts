import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { station } from '../helpers/station-process.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
const run = (...args: string[]) => station([...args, '--data', data]);

beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(station(['init', '--demo', '--data', data]).code).toBe(0);
  // Two hours of collective study in March 2026: 2 学时 each for the two who came.
  const id = run(
    'session',
    'start',
    '--kind',
    'collective',
    '--title',
    '三月集中学习',
    '--at',
    '2026-03-14T09:00:00+08:00',
  ).stdout.trim();
  for (const name of ['张国庆', '王建军']) {
    expect(run('checkin', id, name, '--at', '2026-03-14T09:00:00+08:00').code).toBe(0);
  }
  expect(run('session', 'end', id, '--at', '2026-03-14T10:30:00+08:00').code).toBe(0);
});
afterEach(() => tmp.cleanup());

describe('station report compliance --format --out', () => {
  it('writes the year page as an XLSX a spreadsheet reads: members with hours, then months', async () => {
    const out = path.join(tmp.dir, '2026年度.xlsx');
    const r = run('report', 'compliance', '--year', '2026', '--format', 'xlsx', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('年度学习情况已导出');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员学时', '每月学习']);
    const members = wb.worksheets[0]!;
    expect((members.getRow(1).values as unknown[]).slice(1)).toEqual([
      '编号',
      '姓名',
      '职务',
      '本年学时',
      '目标学时',
      '其中补学',
      '其中流入地',
      '是否达标',
    ]);
    const rows: unknown[][] = [];
    members.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(30); // the demo roster
    const zhang = rows.find((row) => row[1] === '张国庆')!;
    expect(zhang[3]).toBe(2); // 90 minutes → 2 学时 (45 min each), a real number cell
    expect(zhang[7]).toBe('否');
    const months: unknown[][] = [];
    wb.worksheets[1]!.eachRow((row, n) => {
      if (n > 1) months.push((row.values as unknown[]).slice(1));
    });
    expect(months).toHaveLength(12);
    expect(months[2]).toEqual(['2026-03', 1, '已开展']);
  });

  it('writes the members as a UTF-8 CSV with a BOM and CRLF that a CSV reader parses', () => {
    const out = path.join(tmp.dir, 'year.csv');
    const r = run('report', 'compliance', '--year', '2026', '--format', 'csv', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString('utf8')).toContain('\r\n');
    const rows = parse(bytes, { bom: true }) as string[][];
    expect(rows[0]![1]).toBe('姓名');
    expect(rows.find((row) => row[1] === '王建军')![3]).toBe('2');
  });

  it('refuses an unknown format or an unwritable place, leaving no file behind', () => {
    const bad = run('report', 'compliance', '--year', '2026', '--format', 'pdf', '--out', 'x.pdf');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('未知的导出格式');
    const nowhere = path.join(tmp.dir, 'no-such-dir', 'year.xlsx');
    const r = run('report', 'compliance', '--year', '2026', '--out', nowhere);
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.dirname(nowhere))).toBe(false);
  });
});
