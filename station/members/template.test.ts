import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { StationFailure } from '../errors.js';
import { translator } from '../i18n/index.js';
import { CHINESE_HEADERS, ROSTER_FIELDS } from './import/headers.js';
import { parseRoster } from './import/parse-roster.js';
import { readRosterTables } from './import/read-table.js';
import { writeRosterTemplate } from './template.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const t = translator('zh-CN');

async function load(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0]!;
}

describe('writeRosterTemplate', () => {
  it('writes bold Chinese headers on a frozen row, widths, an example row and drop-down lists', async () => {
    const file = path.join(tmp.dir, '名单模板.xlsx');
    await writeRosterTemplate(file, t);
    expect(fs.readdirSync(tmp.dir)).toEqual(['名单模板.xlsx']); // no temporary file left behind
    const ws = await load(file);
    const header = ws.getRow(1);
    expect(ROSTER_FIELDS.map((_, i) => header.getCell(i + 1).value)).toEqual(
      ROSTER_FIELDS.map((f) => CHINESE_HEADERS[f]),
    );
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBeGreaterThan(8);
    expect(ws.getRow(2).getCell(1).value).toBe('张三');
    expect(ws.getCell('B2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"男,女"'],
    });
    expect(ws.getCell('E300').dataValidation).toMatchObject({ formulae: ['"正式党员,预备党员"'] });
    expect(ws.getCell('H2').dataValidation).toMatchObject({ formulae: ['"是,否"'] });
  });

  it('imports as nothing while only the example row is in it, and as a roster once filled in', async () => {
    const file = path.join(tmp.dir, 'template.xlsx');
    await writeRosterTemplate(file, t);
    const untouched = parseRoster(await readRosterTables(fs.readFileSync(file)), '2026-03-15');
    expect(untouched.problems).toEqual([]);
    expect(untouched.rows).toEqual([]);
    expect(untouched.warnings.map((w) => w.key)).toEqual(['exampleRowSkipped', 'noDataRows']);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.worksheets[0]!.addRow([
      '李秀英',
      '女',
      new Date(Date.UTC(1968, 10, 23)),
      '1992/6/30',
      '正式党员',
      '副书记',
      '13807310002',
      '否',
      '',
      'XY0002',
    ]);
    await wb.xlsx.writeFile(file);
    const filled = parseRoster(await readRosterTables(fs.readFileSync(file)), '2026-03-15');
    expect(filled.problems).toEqual([]);
    expect(filled.rows.map((r) => r.values)).toEqual([
      {
        name: '李秀英',
        gender: 'female',
        birthDate: '1968-11-23',
        joinedOn: '1992-06-30',
        status: 'full',
        role: 'committee',
        roleTitle: '副书记',
        phone: '13807310002',
        isMobile: false,
        cardCode: 'XY0002',
      },
    ]);
  });

  it('fails with a readable error where it cannot write, leaving nothing behind', async () => {
    const file = path.join(tmp.dir, 'missing-dir', 'template.xlsx');
    const err = await writeRosterTemplate(file, t).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StationFailure);
    expect((err as StationFailure).key).toBe('fileNotWritable');
    expect(fs.readdirSync(tmp.dir)).toEqual([]);
  });
});
