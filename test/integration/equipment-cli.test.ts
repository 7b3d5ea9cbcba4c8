import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { station } from '../helpers/station-process.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
const run = (...args: string[]) => station([...args, '--data', data]);
beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run('init').code).toBe(0);
});
afterEach(() => tmp.cleanup());

interface Item {
  id: number;
  kind: string;
  model: string;
  serial: string | null;
  purchased: string;
  lifeYears: number;
  status: string;
  replaceBy: string;
}

const add = (...args: string[]) => {
  const r = run('equipment', 'add', ...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Item;
};
const list = () =>
  (JSON.parse(run('equipment', 'list', '--json').stdout) as { items: Item[] }).items;

describe('station equipment', () => {
  it('registers items with the policy life per kind and lists the due ones', () => {
    const pc = add(
      '--kind',
      'terminal',
      '--model',
      '联想 M720',
      '--serial',
      'PC-1',
      '--purchased',
      '2019/7/1',
    );
    expect(pc).toMatchObject({
      kind: 'terminal',
      purchased: '2019-07-01',
      lifeYears: 6,
      status: 'in_use',
      replaceBy: '2025-07-01',
    });
    const tv = add(
      '--kind',
      '电视',
      '--model',
      '海信',
      '--serial',
      'TV-1',
      '--purchased',
      '2020-02-29',
      '--supplier',
      '县电信',
      '--funding',
      '中央专项',
    );
    expect(tv).toMatchObject({ kind: 'display', lifeYears: 8, replaceBy: '2028-02-29' });
    expect(run('config', 'set', 'equipment.life.router', '3').code).toBe(0);
    const router = add(
      '--kind',
      'router',
      '--model',
      'TP-Link',
      '--serial',
      'R-1',
      '--purchased',
      '2024年5月1日',
    );
    expect(router).toMatchObject({ lifeYears: 3, replaceBy: '2027-05-01' });
    const ups = add(
      '--kind',
      'ups',
      '--model',
      '山特',
      '--serial',
      'U-1',
      '--purchased',
      '2015-01-01',
      '--life-years',
      '10',
      '--status',
      '已报废',
    );
    expect(ups).toMatchObject({ status: 'retired', replaceBy: '2025-01-01' });

    expect(Object.keys(list()[0]!).sort()).toEqual(
      [
        'id',
        'kind',
        'model',
        'serial',
        'purchased',
        'lifeYears',
        'status',
        'replaceBy',
        'supplier',
        'funding',
        'note',
      ].sort(),
    );
    expect(list().map((i) => i.kind)).toEqual(['terminal', 'display', 'router', 'ups']);

    const due = JSON.parse(run('equipment', 'due', '--at', '2026-11-26', '--json').stdout) as {
      at: string;
      overdue: Item[];
      dueByEndOfNextYear: Item[];
    };
    expect(due.at).toBe('2026-11-26');
    expect(due.overdue.map((i) => i.serial)).toEqual(['PC-1']); // the retired UPS is not due
    expect(due.dueByEndOfNextYear.map((i) => i.serial)).toEqual(['R-1']);
    const later = JSON.parse(
      run('equipment', 'due', '--at', '2027-03-01', '--json').stdout,
    ) as typeof due;
    expect(later.dueByEndOfNextYear.map((i) => i.serial)).toEqual(['R-1', 'TV-1']);

    expect(run('equipment', 'status', String(pc.id), 'faulty').code).toBe(0);
    expect(
      run(
        'equipment',
        'log',
        String(pc.id),
        '--work',
        '更换硬盘',
        '--by',
        '李技术员',
        '--on',
        '2026-11-20',
      ).code,
    ).toBe(0);
    expect(list()[0]!.status).toBe('faulty');
  });

  it('refuses bad input with a clear line and exit 1 (usage mistakes exit 2)', () => {
    const kind = run(
      'equipment',
      'add',
      '--kind',
      '冰箱',
      '--model',
      'x',
      '--serial',
      '1',
      '--purchased',
      '2020-01-01',
    );
    expect(kind.code).toBe(1);
    expect(kind.stderr).toContain('未知的设备类型“冰箱”');
    const date = run(
      'equipment',
      'add',
      '--kind',
      'ups',
      '--model',
      'x',
      '--serial',
      '1',
      '--purchased',
      '2019-02-29',
      '--lang',
      'en',
    );
    expect(date.code).toBe(1);
    expect(date.stderr).toContain('"2019-02-29" is not a valid date');
    expect(
      run('equipment', 'add', '--kind', 'ups', '--model', 'x', '--purchased', '2020-01-01').code,
    ).toBe(2);
    add('--kind', 'ups', '--model', 'x', '--serial', 'DUP', '--purchased', '2020-01-01');
    const dup = run(
      'equipment',
      'add',
      '--kind',
      'ups',
      '--model',
      'y',
      '--serial',
      'DUP',
      '--purchased',
      '2020-01-01',
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('序列号为 DUP');
    expect(run('equipment', 'status', '99', 'faulty').stderr).toContain('没有编号为 99');
  });

  it('exports the county’s sheet and imports it into another station unchanged', async () => {
    add(
      '--kind',
      'terminal',
      '--model',
      '联想',
      '--serial',
      '0012345',
      '--purchased',
      '2019-07-01',
      '--note',
      '主机',
    );
    add(
      '--kind',
      'satellite',
      '--model',
      '同洲',
      '--serial',
      'SAT-1',
      '--purchased',
      '2016-03-01',
      '--status',
      'under_repair',
    );
    const file = path.join(tmp.dir, '设备登记.xlsx');
    const exported = run('equipment', 'export', file);
    expect(exported.code, exported.stderr).toBe(0);

    const { default: excel } = await import('exceljs');
    const wb = new excel.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(2, 11)).toEqual([
      '设备类型',
      '品牌型号',
      '序列号',
      '购置日期',
      '供应商',
      '资金来源',
      '使用年限',
      '状态',
      '应更换日期',
    ]);
    expect(sheet.getCell('D2').value).toBe('0012345'); // the serial keeps its leading zeros
    expect(sheet.getCell('E2').value).toBeInstanceOf(Date);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const other = path.join(tmp.dir, 'other');
    expect(station(['init', '--data', other]).code).toBe(0);
    const imported = station(['equipment', 'import', file, '--json', '--data', other]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, created: 2, updated: 0 });
    const strip = (items: Item[]) => items.map(({ id: _id, ...rest }) => rest);
    const otherList = JSON.parse(
      station(['equipment', 'list', '--json', '--data', other]).stdout,
    ) as {
      items: Item[];
    };
    expect(strip(otherList.items)).toEqual(strip(list()));
    // Re-importing into the station it came from changes nothing.
    expect(JSON.parse(run('equipment', 'import', file, '--json').stdout)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it('refuses a sheet with a bad row by row and column, importing nothing', async () => {
    const { default: excel } = await import('exceljs');
    const wb = new excel.Workbook();
    const ws = wb.addWorksheet('登记表');
    ws.addRow(['向阳村远教站点设备现状登记表']);
    ws.addRow(['设备类型', '品牌型号', '序列号', '购置日期', '使用年限', '状态']);
    ws.addRow(['机顶盒', '华为', 'A1', new Date(Date.UTC(2018, 5, 1)), 6, '在用']);
    ws.addRow(['洗衣机', '海尔', 'A2', '2018-06-01', '', '']);
    ws.addRow(['投影仪', '明基', 'A3', '2018-13-01', '', '']);
    const file = path.join(tmp.dir, 'bad.xlsx');
    await wb.xlsx.writeFile(file);
    const r = run('equipment', 'import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('有 2 处问题，什么都没有导入');
    expect(r.stderr).toContain('第 4 行（设备类型）：设备类型“洗衣机”无法识别');
    expect(r.stderr).toContain('第 5 行（购置日期）：日期“2018-13-01”不存在');
    expect(list()).toEqual([]);
    const notSheet = path.join(tmp.dir, 'photo.xlsx');
    fs.writeFileSync(notSheet, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(run('equipment', 'import', notSheet).stderr).toContain('不是设备登记表');
  });
});
