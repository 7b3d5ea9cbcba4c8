import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { STATION_BIN, station } from '../helpers/station-process.js';
import { bulkAttendance } from '../helpers/bulk-attendance.js';
import { backdateRoster } from '../helpers/theme-day.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
const run = (...args: string[]) => station([...args, '--data', data]);

/** `station attendance export --from FROM --to TO --format FORMAT --out OUT [extra…]`. */
const exportDays = (from: string, to: string, format: string, out: string, ...extra: string[]) =>
  run(
    'attendance',
    'export',
    '--from',
    from,
    '--to',
    to,
    '--format',
    format,
    '--out',
    out,
    ...extra,
  );

/** A finished session with a present, a late-and-corrected, an excused and an absent member. */
function recordSession(): string {
  const id = run(
    'session',
    'start',
    '--kind',
    'party-lecture',
    '--title',
    '党课：学习党章, "第一讲"',
    '--at',
    '2026-11-14T09:00:00+08:00',
  ).stdout.trim();
  expect(run('checkin', id, '张国庆', '--at', '2026-11-14T08:50:00+08:00').code).toBe(0);
  expect(run('checkout', id, '张国庆', '--at', '2026-11-14T10:30:00+08:00').code).toBe(0);
  expect(run('checkin', id, '王建军', '--at', '2026-11-14T09:40:00+08:00').code).toBe(0);
  expect(run('absence', id, '刘桂兰', '--reason', '外出务工').code).toBe(0);
  expect(run('session', 'end', id, '--at', '2026-11-14T11:00:00+08:00').code).toBe(0);
  const fix = run('attendance', 'correct', id, '王建军', '--checkin', '2026-11-14T09:05:00+08:00');
  expect(fix.code).toBe(2); // a correction needs a reason
  expect(
    run(
      'attendance',
      'correct',
      id,
      '王建军',
      '--checkin',
      '2026-11-14T09:05:00+08:00',
      '--reason',
      '签到机故障，补登',
    ).code,
  ).toBe(0);
  return id;
}

function sofficeConvert(file: string, to: string, outDir: string): string {
  const r = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(outDir, 'lo-profile')}`,
      '--headless',
      // Comma-separated, double quotes, character set left empty: LibreOffice detects it (BOM).
      ...(file.endsWith('.csv') ? ['--infilter=CSV:44,34,,1'] : []),
      '--convert-to',
      to,
      '--outdir',
      outDir,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  const ext = to.split(':')[0]!;
  return path.join(outDir, `${path.basename(file, path.extname(file))}.${ext}`);
}

beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run('init', '--demo').code).toBe(0);
  backdateRoster(data);
});
afterEach(() => tmp.cleanup());

describe('station attendance export', () => {
  it('writes CSV that LibreOffice reads as Chinese text, dates and numbers', () => {
    recordSession();
    const out = path.join(tmp.dir, '出勤.csv');
    const r = exportDays('2026-11-01', '2026-11-30', 'csv', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ rows: 30, file: out }); // 30 demo members, one session
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')).toHaveLength(32); // header + 30 rows + the empty after the last CRLF
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(text).toContain('"党课：学习党章, ""第一讲"""');

    // LibreOffice detects the encoding from the BOM and types the cells itself.
    const xlsx = sofficeConvert(out, 'xlsx', path.join(tmp.dir, 'lo'));
    return readBack(xlsx).then((rows) => {
      expect(rows[0]).toEqual([
        '日期',
        '活动编号',
        '活动类型',
        '活动名称',
        '党员编号',
        '姓名',
        '职务',
        '签到时间',
        '签退时间',
        '在场分钟',
        '学时',
        '出勤情况',
        '请假原因',
        '补学',
        '已更正',
        '时间可信',
      ]);
      const zhang = rows.find((row) => row[5] === '张国庆')!;
      expect(zhang[0]).toBeInstanceOf(Date);
      expect((zhang[0] as Date).toISOString().slice(0, 10)).toBe('2026-11-14');
      expect(zhang[7]).toBeInstanceOf(Date);
      expect((zhang[7] as Date).toISOString().slice(11, 16)).toBe('08:50'); // local time, as written
      expect(zhang.slice(9, 12)).toEqual([90, 2, '出席']);
      const wang = rows.find((row) => row[5] === '王建军')!;
      expect(wang.slice(9, 15)).toEqual([115, 2.5, '出席', null, '否', '是']);
      const liu = rows.find((row) => row[5] === '刘桂兰')!;
      expect(liu.slice(10, 13)).toEqual([0, '请假', '外出务工']);
      const li = rows.find((row) => row[5] === '李秀英')!;
      expect(li[11]).toBe('缺席');
    });
  });

  it('writes XLSX with typed cells, column widths and a frozen header, also read by LibreOffice', async () => {
    recordSession();
    const out = path.join(tmp.dir, 'attendance.xlsx');
    const r = exportDays('2026-11-14', '2026-11-14', 'xlsx', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已导出 30 行');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('出勤记录');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(4).width).toBe(28);
    const wang = ws.getRows(2, 30)!.find((row) => row.getCell(6).value === '王建军')!;
    expect(wang.getCell(8).value).toEqual(new Date('2026-11-14T09:05:00Z')); // wall clock 09:05
    expect(wang.getCell(11).value).toBe(2.5);
    expect(wang.getCell(15).value).toBe('是');

    const csv = sofficeConvert(
      out,
      'csv:Text - txt - csv (StarCalc):44,34,76',
      path.join(tmp.dir, 'lo'),
    );
    const lines = fs.readFileSync(csv, 'utf8').split(/\r?\n/);
    expect(lines[0]).toContain('日期,活动编号,活动类型,活动名称');
    const wangLine = lines.find((l) => l.includes('王建军'))!;
    expect(wangLine.replace(/^2026-11-14,\d+,/, '')).toBe(
      '党课,"党课：学习党章, ""第一讲""",3,王建军,组织委员,2026-11-14 09:05:00,,115,2.5,出席,,否,是,可信',
    );
  });

  it('flags make-up study and an untrusted clock', () => {
    const id = recordSession();
    const db = path.join(data, 'station.db');
    const sql = (s: string) => expect(spawnSync('sqlite3', [db, s]).status).toBe(0);
    // The health issue stamps untrusted records; the courses issue records make-up studies.
    sql(`UPDATE attendance_records SET time_quality = 'untrusted' WHERE member_id = 1`);
    sql(
      `INSERT INTO makeup_studies (member_id, course_id, for_session_id, started_at, recorded_by, recorded_at)
       VALUES (5, 'c1', ${id}, '2026-11-20T01:00:00.000Z', 't', '2026-11-20T01:00:00.000Z')`,
    );
    const out = path.join(tmp.dir, 'flags.csv');
    const r = exportDays('2026-11-14', '2026-11-14', 'csv', out);
    expect(r.code, r.stderr).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').split('\r\n');
    expect(
      lines
        .find((l) => l.includes(',张国庆,'))!
        .split(',')
        .slice(-3),
    ).toEqual(['否', '否', '存疑']);
    expect(
      lines
        .find((l) => l.includes(',陈志强,'))!
        .split(',')
        .slice(-5),
    ).toEqual(['缺席', '', '是', '否', '可信']);
  });

  it('refuses a reversed range, a bad date, an unknown format and a missing option clearly', () => {
    const out = path.join(tmp.dir, 'x.csv');
    const base = ['attendance', 'export', '--out', out];
    const reversed = run(...base, '--from', '2026-12-01', '--to', '2026-11-01', '--format', 'csv');
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toContain('开始日期 2026-12-01 晚于结束日期 2026-11-01');
    const badDate = run(...base, '--from', '2026-02-30', '--to', '2026-03-01', '--format', 'csv');
    expect(badDate.stderr).toContain('日期“2026-02-30”无效');
    const fmt = run(
      ...base,
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--format',
      'pdf',
      '--lang',
      'en',
    );
    expect(fmt.code).toBe(1);
    expect(fmt.stderr.trim()).toBe('Unknown export format "pdf"; use one of: csv, xlsx');
    expect(
      run('attendance', 'export', '--out', out, '--format', 'csv', '--to', '2026-11-01').code,
    ).toBe(2);
    expect(fs.readdirSync(tmp.dir)).not.toContain('x.csv');
  });

  it('fails on an unwritable target with a clear message and no file', () => {
    const out = path.join(tmp.dir, 'no-such-dir', 'x.csv');
    const r = exportDays('2026-11-01', '2026-11-30', 'csv', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`无法写入文件 ${out}`);
  });

  it('kill -9 in the middle of a big export leaves no file with the final name', async () => {
    bulkAttendance(path.join(data, 'station.db'), 300, 1000);
    const out = path.join(tmp.dir, 'big.xlsx');
    const child = spawn(process.execPath, [
      STATION_BIN,
      'attendance',
      'export',
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      '--format',
      'xlsx',
      '--out',
      out,
      '--data',
      data,
    ]);
    // Wait until the hidden partial file has grown, then kill without warning.
    for (let i = 0; i < 600; i++) {
      const partial = fs.readdirSync(tmp.dir).find((f) => f.startsWith('.big.xlsx.'));
      if (partial && fs.statSync(path.join(tmp.dir, partial)).size > 100_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(fs.existsSync(out)).toBe(false);
    expect(
      fs.readdirSync(tmp.dir).some((f) => f.startsWith('.big.xlsx.') && f.endsWith('.partial')),
    ).toBe(true);
  }, 60_000);
});

/** tmpfs mounts need root; elsewhere these fault tests are skipped, and say so. */
function tryMount(dir: string, options: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0;
}
const canMount = (() => {
  const probe = makeTempDir();
  const ok = tryMount(path.join(probe.dir, 'm'), 'size=16k');
  if (ok) spawnSync('umount', [path.join(probe.dir, 'm')]);
  probe.cleanup();
  return ok;
})();

describe.skipIf(!canMount)('exporting to a full or read-only USB stick (tmpfs stands in)', () => {
  it('a full stick: clear message, no file at all left behind', () => {
    bulkAttendance(path.join(data, 'station.db'), 20, 200);
    const stick = path.join(tmp.dir, 'stick');
    expect(tryMount(stick, 'size=64k')).toBe(true);
    try {
      for (const format of ['csv', 'xlsx']) {
        const out = path.join(stick, `出勤.${format}`);
        const r = exportDays('2025-01-01', '2025-12-31', format, out);
        expect(r.code, r.stdout).toBe(1);
        expect(r.stderr.trim()).toBe(
          `空间不足，无法写完 ${out}（U 盘或磁盘已满）。没有留下不完整的文件，请换一个有空间的位置再导出`,
        );
        expect(fs.readdirSync(stick)).toEqual([]);
      }
    } finally {
      spawnSync('umount', [stick]);
    }
  });

  it('a write-protected stick: clear message', () => {
    const stick = path.join(tmp.dir, 'ro');
    expect(tryMount(stick, 'size=64k,ro')).toBe(true);
    try {
      const out = path.join(stick, 'a.csv');
      const r = exportDays('2025-01-01', '2025-12-31', 'csv', out, '--lang', 'en');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('is read-only');
    } finally {
      spawnSync('umount', [stick]);
    }
  });
});

async function readBack(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(Array.from({ length: 16 }, (_, i) => values[i] ?? null));
  });
  return rows;
}
