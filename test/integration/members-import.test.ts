import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { ROOT, STATION_BIN, station } from '../helpers/station-process.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rosters');
const fixture = (name: string) => path.join(FIXTURES, name);

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(station(['init', '--data', data]).code).toBe(0);
});
afterEach(() => tmp.cleanup());

interface ListedMember {
  id: number;
  name: string;
  role: string;
  roleTitle: string | null;
  gender: string | null;
  birthDate: string | null;
  joinedOn: string | null;
  status: string;
  phone: string | null;
  mobile: boolean;
  worksIn: string | null;
  cardCode: string | null;
  state: string;
}

function listMembers(dir = data): ListedMember[] {
  const r = station(['members', 'list', '--json', '--data', dir]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { members: ListedMember[] }).members;
}

const NAMES = ['张国庆', '李秀英', '王建军', '欧阳娜娜', '赵德柱', '刘喆', '陈芳', '周淑珍'];

describe('station members import', () => {
  it('imports a GBK CSV from Chinese Windows with the Chinese intact', () => {
    const r = station(['members', 'import', fixture('roster-gbk.csv'), '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('名单已导入：新增 8 人，更新 0 人，0 人无变化');
    expect(r.stderr).toBe('');
    const members = listMembers();
    expect(members.map((m) => m.name).sort()).toEqual([...NAMES].sort());
    expect(members[0]).toEqual({
      id: members[0]!.id,
      name: '张国庆',
      role: 'secretary',
      roleTitle: '党支部书记',
      gender: 'male',
      birthDate: '1962-03-08',
      joinedOn: '1985-07-01',
      status: 'full',
      phone: '13807310001',
      mobile: false,
      worksIn: null,
      cardCode: 'XY0001',
      state: 'active',
    });
    expect(members.find((m) => m.name === '刘喆')).toMatchObject({
      status: 'probationary',
      mobile: true,
      worksIn: '浙江省义乌市',
    });
  });

  it('imports an XLSX saved by LibreOffice, its dates right west of Greenwich too', () => {
    const r = station(
      ['members', 'import', fixture('roster-libreoffice.xlsx'), '--json', '--data', data],
      { TZ: 'America/Los_Angeles' },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, created: 8, problems: [] });
    const members = listMembers();
    expect(members.map((m) => m.name).sort()).toEqual([...NAMES].sort());
    expect(members.find((m) => m.name === '欧阳娜娜')).toMatchObject({
      birthDate: '1990-01-15',
      joinedOn: '2018-07-01',
      role: 'committee',
      roleTitle: '宣传委员',
    });
    expect(members.find((m) => m.name === '张国庆')!.phone).toBe('13807310001');
  });

  it('refuses a bad roster, listing every problem by row, and imports nothing', () => {
    const r = station(['members', 'import', fixture('roster-bad.csv'), '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      '名单有 4 处问题，什么都没有导入。请改正后重新导入：',
      '第 3 行（姓名）：缺少姓名',
      '第 4 行（出生日期）：日期“1980-13-45”不存在，请检查月和日',
      '第 5 行（卡号）：卡号 XY0001 与第 2 行重复',
      '第 6 行（职务）：职务“村长”无法识别。请填 书记、副书记、某某委员（如组织委员）或 党员；普通党员也可以不填',
    ]);
    expect(listMembers()).toEqual([]);

    const json = station([
      'members',
      'import',
      fixture('roster-bad.csv'),
      '--json',
      '--lang',
      'en',
      '--data',
      data,
    ]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: false, created: 0, updated: 0, unchanged: 0, warnings: [] });
    expect(doc.problems).toEqual([
      { row: 3, column: '姓名', field: 'name', message: 'the name is missing' },
      {
        row: 4,
        column: '出生日期',
        field: 'birthDate',
        message: 'there is no such day as "1980-13-45"; check the month and day',
      },
      {
        row: 5,
        column: '卡号',
        field: 'cardCode',
        message: 'the card code XY0001 is also on row 2',
      },
      expect.objectContaining({ row: 6, column: '职务', field: 'roleTitle' }),
    ]);
    expect(json.stderr.split('\n')[0]).toBe(
      'Problems in the roster: 4. Nothing was imported; correct them and import again:',
    );
    expect(json.stderr).toContain('Row 3 (姓名): the name is missing');
    expect(listMembers()).toEqual([]);
  });

  it('refuses a card code that already belongs to someone else on the station', () => {
    station(['members', 'import', fixture('roster-utf8.csv'), '--data', data]);
    const file = path.join(tmp.dir, 'new.csv');
    fs.writeFileSync(
      file,
      '姓名,出生日期,卡号\n孙丽,1982-04-04,XY0003\n黄小燕,2000-08-08,XY0100\n',
    );
    const r = station(['members', 'import', file, '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 2 行（卡号）：卡号 XY0003 已是党员 王建军');
    expect(listMembers()).toHaveLength(8);
  });

  it('re-imports by card or name + birth date: updates, adds, never duplicates or deletes', () => {
    station(['members', 'import', fixture('roster-utf8.csv'), '--data', data]);
    const before = listMembers();
    const r = station([
      'members',
      'import',
      fixture('roster-update.csv'),
      '--json',
      '--data',
      data,
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, created: 1, updated: 2, unchanged: 1 });
    const after = listMembers();
    expect(after).toHaveLength(9);
    expect(new Set(after.map((m) => m.id)).size).toBe(9);
    const zhang = after.find((m) => m.name === '张国庆')!;
    expect(zhang).toEqual({ ...before.find((m) => m.name === '张国庆')!, phone: '13907319999' });
    expect(after.find((m) => m.name === '李秀英')).toMatchObject({
      mobile: true,
      worksIn: '湖南省长沙市',
      cardCode: 'XY0002',
    });
    for (const name of ['欧阳娜娜', '赵德柱', '刘喆', '陈芳', '周淑珍']) {
      expect(after.find((m) => m.name === name)).toEqual(before.find((m) => m.name === name));
    }
    // The same file again changes nothing.
    const again = station(['members', 'import', fixture('roster-update.csv'), '--data', data]);
    expect(again.stdout.trim()).toBe('名单已导入：新增 0 人，更新 0 人，4 人无变化');
    expect(listMembers()).toEqual(after);
  });

  it('previews with --dry-run without writing anything', () => {
    const r = station([
      'members',
      'import',
      fixture('roster-utf16le.csv'),
      '--dry-run',
      '--json',
      '--data',
      data,
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, dryRun: true, created: 8, updated: 0, unchanged: 0 });
    expect(doc.rows[3]).toEqual({ row: 5, name: '欧阳娜娜', action: 'create', id: null });
    expect(listMembers()).toEqual([]);
    const bad = station([
      'members',
      'import',
      fixture('roster-bad.csv'),
      '--dry-run',
      '--data',
      data,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe('预览：名单有 4 处问题，导入时会被拒绝：');
  });

  describe('a file that is not a roster gets one sentence', () => {
    const cases: [string, () => string, RegExp][] = [
      ['a JPEG', () => fixture('photo.jpg'), /^文件不是名单表格（CSV 或 XLSX）/],
      ['an empty file', () => fixture('empty.csv'), /^文件是空的，里面没有名单$/],
      [
        '10 MB of noise',
        () => {
          const file = path.join(tmp.dir, 'noise.csv');
          let seed = 20260315;
          const noise = Buffer.alloc(10 * 1024 * 1024);
          for (let i = 0; i < noise.length; i++) {
            seed = (seed * 1103515245 + 12345) >>> 0;
            noise[i] = seed >>> 24;
          }
          fs.writeFileSync(file, noise);
          return file;
        },
        /^文件不是名单表格（CSV 或 XLSX）/,
      ],
      ['a zip that is not a workbook', () => fixture('not-a-workbook.zip'), /^文件不是名单表格/],
      ['an old .xls', () => fixture('roster-libreoffice.xls'), /^这是旧版 Excel（\.xls）/],
      [
        'a file that is not there',
        () => path.join(tmp.dir, 'nope.csv'),
        /^找不到文件 .*nope\.csv$/,
      ],
    ];
    it.each(cases)('%s', (_what, file, sentence) => {
      const r = station(['members', 'import', file(), '--json', '--data', data]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(sentence);
      expect(listMembers()).toEqual([]);
    });

    it('in English too', () => {
      const r = station([
        'members',
        'import',
        fixture('photo.jpg'),
        '--lang',
        'en',
        '--data',
        data,
      ]);
      expect(r.stderr.trim()).toMatch(/^The file is not a roster table \(CSV or XLSX\)\./);
    });
  });

  it('needs an initialised station and says how to make one', () => {
    const r = station([
      'members',
      'import',
      fixture('roster-utf8.csv'),
      '--data',
      path.join(tmp.dir, 'other'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/还没有初始化，请先运行 station init/);
    expect(fs.existsSync(path.join(tmp.dir, 'other'))).toBe(false);
  });

  it('is called wrongly without a file, or with an unknown action', () => {
    expect(station(['members', 'import', '--data', data]).stderr.trim()).toBe('缺少参数：FILE');
    expect(station(['members', 'frobnicate', '--data', data]).code).toBe(2);
    expect(station(['members', 'list', 'extra', '--data', data]).code).toBe(2);
  });
});

describe('station members list', () => {
  it('prints a readable table, or says there is nobody yet', () => {
    expect(station(['members', 'list', '--data', data]).stdout.trim()).toBe(
      '还没有党员。可以用 station members import 文件 导入名单',
    );
    station(['members', 'import', fixture('roster-utf8-bom.csv'), '--data', data]);
    const lines = station(['members', 'list', '--data', data]).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^编号\s+姓名\s+职务\s+性别\s+出生日期/);
    expect(lines[2]).toMatch(/^1\s+张国庆\s+党支部书记\s+男\s+1962-03-08\s+1985-07-01\s+正式党员/);
    expect(lines.at(-1)).toBe('共 8 名党员');
  });
});

describe('station members template', () => {
  it('writes the XLSX template, which imports as no members until it is filled in', () => {
    const file = path.join(tmp.dir, '党员名单模板.xlsx');
    const r = station(['members', 'template', '--out', file, '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`名单模板已保存：${file}`);
    expect(fs.readFileSync(file).subarray(0, 4)).toEqual(Buffer.from('PK\u0003\u0004'));
    const imported = station(['members', 'import', file, '--json', '--data', data]);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, created: 0 });
    expect(imported.stderr).toContain('第 2 行是模板中的示例行，已跳过');
    expect(listMembers()).toEqual([]);
  });

  it('needs --out', () => {
    const r = station(['members', 'template', '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('缺少参数：--out');
  });
});

describe('kill -9 during a large import', () => {
  const ROWS = 20_000;

  /** Read directly: 20,000 members as JSON are more than a test pipe buffers. */
  function countMembers(dir: string): number {
    const db = new Database(path.join(dir, 'station.db'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  function bigRoster(): string {
    const file = path.join(tmp.dir, 'big.csv');
    const lines = ['姓名,性别,出生日期,入党日期,职务,卡号'];
    for (let i = 0; i < ROWS; i++) {
      const born = `${1940 + (i % 60)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      lines.push(
        `党员${i},${i % 2 ? '男' : '女'},${born},2000-07-01,,K${String(i).padStart(6, '0')}`,
      );
    }
    fs.writeFileSync(file, lines.join('\n'));
    return file;
  }

  /**
   * Starts the import and SIGKILLs it `delayMs` after it says it is writing (the transaction is
   * open then). Resolves with how the process ended.
   */
  function importAndKill(
    file: string,
    dir: string,
    delayMs: number,
  ): Promise<{ killed: boolean; code: number | null }> {
    const child = spawn(process.execPath, [STATION_BIN, 'members', 'import', file, '--data', dir], {
      env: { ...process.env, STATION_LANG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!armed && stderr.includes('正在写入')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    return new Promise((resolve) =>
      child.on('exit', (code, signal) => resolve({ killed: signal === 'SIGKILL', code })),
    );
  }

  it('leaves nothing or everything, and the database checks ok', { timeout: 120_000 }, async () => {
    station(['members', 'import', fixture('roster-utf8.csv'), '--data', data]);
    const file = bigRoster();
    const outcomes: string[] = [];
    for (const delayMs of [0, 50, 300]) {
      const dir = path.join(tmp.dir, `data-${delayMs}`);
      fs.cpSync(data, dir, { recursive: true });
      const { killed, code } = await importAndKill(file, dir, delayMs);
      if (!killed) expect(code).toBe(0);
      // db check first: it is the first to open the database after the kill, so it meets the
      // WAL exactly as the kill left it.
      const check = station(['db', 'check', '--json', '--data', dir]);
      expect(check.code).toBe(0);
      expect(JSON.parse(check.stdout).integrity).toBe('ok');
      const count = countMembers(dir);
      expect([8, 8 + ROWS]).toContain(count);
      expect(killed || count === 8 + ROWS).toBe(true);
      outcomes.push(count === 8 ? 'nothing' : 'everything');
      // After a kill the import runs again cleanly, and the roster it had is intact.
      if (count === 8) {
        expect(station(['members', 'import', file, '--data', dir]).code).toBe(0);
        expect(countMembers(dir)).toBe(8 + ROWS);
      }
    }
    // At least one kill landed inside the open transaction, or the test proved nothing.
    expect(outcomes).toContain('nothing');
  });
});
