import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { StationFailure } from '../../errors.js';
import { MAX_ROSTER_BYTES, readRosterTables } from './read-table.js';
import { cellText } from './table.js';

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures/rosters',
);
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

const NAMES = ['张国庆', '李秀英', '王建军', '欧阳娜娜', '赵德柱', '刘喆', '陈  芳', '周淑珍'];

async function failureKey(bytes: Uint8Array): Promise<string> {
  try {
    await readRosterTables(bytes);
  } catch (err) {
    if (err instanceof StationFailure) return err.key;
    throw err;
  }
  return 'no failure';
}

describe('readRosterTables', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it.each([
    ['roster-utf8.csv', 'utf-8'],
    ['roster-utf8-bom.csv', 'utf-8-bom'],
    ['roster-gbk.csv', 'gb18030'],
    ['roster-utf16le.csv', 'utf-16le'],
  ])('reads %s (%s) with its Chinese intact', async (file, encoding) => {
    const [table] = await readRosterTables(fixture(file));
    expect(table!.encoding).toBe(encoding);
    expect(table!.rows[0]!.cells.map(cellText)).toEqual([
      '序号',
      '姓名',
      '性别',
      '出生日期',
      '入党日期',
      '类别',
      '职务',
      '联系电话',
      '流动党员',
      '务工地',
      '卡号',
    ]);
    expect(table!.rows.slice(1).map((r) => r.cells[1])).toEqual(NAMES);
    expect(table!.rows[4]!.cells[9]).toBe('广东省东莞市');
  });

  it.each([
    ['roster-libreoffice.xlsx', 1],
    ['roster-exceljs.xlsx', 2],
  ])(
    'reads %s, its date cells as the calendar days shown, in any time zone',
    async (file, header) => {
      // exceljs hands date cells over as UTC instants; a reader using local time would be a day
      // early west of Greenwich.
      process.env.TZ = 'America/Los_Angeles';
      const [table] = await readRosterTables(fixture(file));
      const rows = table!.rows.filter((r) => r.row > header);
      expect(rows.map((r) => r.cells[1])).toEqual(NAMES);
      expect(rows[0]!.cells[3]).toEqual({ date: '1962-03-08' });
      expect(rows[0]!.cells[4]).toEqual({ date: '1985-07-01' });
      expect(cellText(rows[0]!.cells[7]!)).toBe('13807310001'); // a number cell, not 1.38e10
    },
  );

  it.each([
    ['an empty file', Buffer.alloc(0), 'rosterEmpty'],
    ['a file of blank lines', Buffer.from('\r\n\r\n  \n'), 'rosterEmpty'],
    ['a CSV of empty cells', Buffer.from(',,,\n,,,\n'), 'rosterEmpty'],
    ['a JPEG', fixture('photo.jpg'), 'rosterNotTable'],
    ['a zip that is not a workbook', fixture('not-a-workbook.zip'), 'rosterNotTable'],
    ['an old binary .xls', fixture('roster-libreoffice.xls'), 'rosterOldXls'],
    ['text in no known encoding', Buffer.from([0x41, 0x2c, 0x81, 0x20, 0x0a]), 'rosterUndecodable'],
    ['a CSV with an unclosed quote', Buffer.from('姓名,性别\n"张国庆,男\n'), 'rosterCsvBroken'],
  ])('refuses %s with one sentence', async (_what, bytes, key) => {
    expect(await failureKey(bytes)).toBe(key);
  });

  it('refuses noise', async () => {
    let seed = 7;
    const noise = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      noise[i] = seed >>> 24;
    }
    expect(await failureKey(noise)).toBe('rosterNotTable');
  });

  it('refuses a file too large to be a roster without parsing it', async () => {
    expect(await failureKey(Buffer.alloc(MAX_ROSTER_BYTES + 1, 0x41))).toBe('rosterTooLarge');
  });

  it('detects the delimiter: tabs in Excel’s Unicode text, semicolons in some locales', async () => {
    const tabs = iconv.encode('姓名\t性别\n王芳\t女\n', 'utf-16le', { addBOM: true });
    expect((await readRosterTables(tabs))[0]!.rows[1]!.cells).toEqual(['王芳', '女']);
    const semi = Buffer.from('姓名;性别\n王芳;女\n');
    expect((await readRosterTables(semi))[0]!.rows[1]!.cells).toEqual(['王芳', '女']);
    const titled = Buffer.from('向阳村党员名册\n姓名\t性别\t务工地\n王芳\t女\t广东, 东莞\n');
    expect((await readRosterTables(titled))[0]!.rows[2]!.cells).toEqual([
      '王芳',
      '女',
      '广东, 东莞',
    ]);
  });

  it('numbers CSV rows as a spreadsheet does, blank lines and multi-line cells included', async () => {
    const [table] = await readRosterTables(
      Buffer.from('姓名,务工地\n\n王芳,"广东\n东莞"\n李明,\n'),
    );
    expect(table!.rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [1, '姓名'],
      [2, ''],
      [3, '王芳'],
      [4, '李明'],
    ]);
  });
});
