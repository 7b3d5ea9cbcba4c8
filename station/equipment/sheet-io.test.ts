import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { migrate } from '../db/migrate.js';
import { openDatabase, type Db } from '../db/open.js';
import { writeSetting } from '../settings/store.js';
import {
  addMaintenance,
  insertEquipment,
  listEquipment,
  maintenanceLog,
  type EquipmentValues,
} from './register.js';
import { buildEquipmentWorkbook, importEquipmentSheet } from './sheet-io.js';

const NOW = new Date('2026-11-26T02:00:00Z');
let tmp: ReturnType<typeof makeTempDir>;
const open = (name: string): Db => {
  const db = openDatabase(path.join(tmp.dir, name));
  migrate(db);
  return db;
};
let db: Db;
beforeEach(() => {
  tmp = makeTempDir();
  db = open('a.db');
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const item = (over: Partial<EquipmentValues>): EquipmentValues => ({
  kind: 'terminal',
  model: '联想 M720',
  serial: 'SN-1',
  purchased: '2020-02-29',
  supplier: '县电信',
  funding: '中央专项',
  lifeYears: 6,
  status: 'in_use',
  note: null,
  ...over,
});

async function exportBytes(from: Db): Promise<Uint8Array> {
  return new Uint8Array(
    (await (await buildEquipmentWorkbook(from)).xlsx.writeBuffer()) as ArrayBuffer,
  );
}

describe('register sheets', () => {
  it('round-trips: an export imported into an empty station gives the same register', async () => {
    insertEquipment(db, item({}), NOW);
    insertEquipment(
      db,
      item({ kind: 'display', model: '海信', serial: '000123', lifeYears: 8, note: '会议室' }),
      NOW,
    );
    insertEquipment(db, item({ kind: 'ups', model: '山特', serial: null, status: 'faulty' }), NOW);
    insertEquipment(db, item({ kind: 'satellite', serial: 'X', status: 'retired' }), NOW);
    const bytes = await exportBytes(db);

    const other = open('b.db');
    try {
      const outcome = await importEquipmentSheet(other, bytes, { now: NOW });
      expect(outcome).toMatchObject({ applied: true, created: 4, updated: 0, problems: [] });
      expect(outcome.unknownColumns).toEqual([]);
      const strip = (d: Db) => listEquipment(d).map(({ id: _id, ...rest }) => rest);
      expect(strip(other)).toEqual(strip(db));
    } finally {
      other.close();
    }
    // Into the same station it changes nothing (the item without a serial cannot be matched).
    const again = await importEquipmentSheet(db, bytes, { now: NOW });
    expect(again).toMatchObject({ created: 1, updated: 0, unchanged: 3 });
  });

  it('writes the county’s headers, real dates and a frozen header row', async () => {
    insertEquipment(db, item({}), NOW);
    const sheet = (await buildEquipmentWorkbook(db)).worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '编号',
      '设备类型',
      '品牌型号',
      '序列号',
      '购置日期',
      '供应商',
      '资金来源',
      '使用年限',
      '状态',
      '应更换日期',
      '备注',
    ]);
    expect(sheet.getCell('E2').value).toEqual(new Date('2020-02-29T00:00:00Z'));
    expect(sheet.getCell('J2').value).toEqual(new Date('2026-02-28T00:00:00Z'));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(3).width).toBeGreaterThan(10);
  });

  it('refuses the whole file when one row is bad', async () => {
    const { default: excel } = await import('exceljs');
    const wb = new excel.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['设备类型', '品牌型号', '序列号', '购置日期']);
    ws.addRow(['电脑', '联想', 'A', '2020-01-01']);
    ws.addRow(['冰箱', '海尔', 'B', '2020-01-01']);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const outcome = await importEquipmentSheet(db, bytes, { now: NOW });
    expect(outcome.applied).toBe(false);
    expect(outcome.problems.map((p) => [p.row, p.key])).toEqual([[3, 'kindUnknown']]);
    expect(listEquipment(db)).toEqual([]);
  });

  it('takes the policy life per kind for rows that leave it blank', async () => {
    writeSetting(db, 'equipment.life.router', 3, NOW);
    const csv = new TextEncoder().encode('设备类型,品牌型号,购置日期\n路由器,TP,2024-05-01\n');
    await importEquipmentSheet(db, csv, { now: NOW });
    expect(listEquipment(db)[0]).toMatchObject({ lifeYears: 3, replaceBy: '2027-05-01' });
  });

  it('keeps the maintenance log append-only', () => {
    const id = insertEquipment(db, item({}), NOW);
    addMaintenance(db, id, { doneOn: '2026-11-01', work: '更换电源', doneBy: '李技术员' }, NOW);
    expect(maintenanceLog(db).get(id)).toEqual([
      { id: 1, doneOn: '2026-11-01', work: '更换电源', doneBy: '李技术员' },
    ]);
    expect(() => db.prepare("UPDATE equipment_maintenance SET work = 'x'").run()).toThrow(
      'append-only',
    );
    expect(() => db.prepare('DELETE FROM equipment_maintenance').run()).toThrow('append-only');
  });
});
