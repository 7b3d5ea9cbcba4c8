import { describe, expect, it } from 'vitest';
import type { CellValue, RosterTable } from '../members/import/table.js';
import { parseEquipmentSheet } from './parse-sheet.js';
import { parseEquipmentStatus, parseKind, parseLifeYears } from './sheet-columns.js';

const TODAY = '2026-11-26';
const LIFE = {
  terminal: 6,
  display: 8,
  satellite: 8,
  router: 5,
  ups: 5,
  speaker: 8,
  camera: 6,
  other: 6,
};
const HEADER = [
  '设备类型',
  '品牌型号',
  '序列号',
  '购置日期',
  '供应商',
  '资金来源',
  '使用年限',
  '状态',
  '备注',
];

function sheet(...rows: CellValue[][]): RosterTable[] {
  return [{ format: 'xlsx', sheet: '设备', rows: rows.map((cells, i) => ({ row: i + 1, cells })) }];
}
const where = (r: ReturnType<typeof parseEquipmentSheet>) =>
  r.problems.map((p) => `${p.row}:${p.column}:${p.key}`);

describe('parseKind', () => {
  it.each([
    ['电脑', 'terminal'],
    ['台式电脑', 'terminal'],
    ['机顶盒', 'terminal'],
    ['一体机', 'terminal'],
    ['电视', 'display'],
    ['液晶电视机', 'display'],
    ['投影仪', 'display'],
    ['卫星接收机', 'satellite'],
    ['卫星电视接收机', 'satellite'], // 卫星 wins over 电视
    ['路由器', 'router'],
    ['ＵＰＳ', 'ups'],
    ['UPS电源', 'ups'],
    ['音箱', 'speaker'],
    ['摄像头', 'camera'],
    ['其他', 'other'],
    ['router', 'router'],
    ['冰箱', undefined],
  ])('%s → %s', (text, kind) => {
    expect(parseKind(text)).toBe(kind);
  });
});

describe('cells', () => {
  it('reads statuses and service lives as people write them', () => {
    expect(parseEquipmentStatus('在用')).toBe('in_use');
    expect(parseEquipmentStatus('故障送修')).toBe('under_repair');
    expect(parseEquipmentStatus('已报废')).toBe('retired');
    expect(parseEquipmentStatus('under-repair')).toBe('under_repair');
    expect(parseEquipmentStatus('丢了')).toBeUndefined();
    expect(parseLifeYears('6')).toBe(6);
    expect(parseLifeYears('８年')).toBe(8);
    expect(parseLifeYears('0')).toBeUndefined();
    expect(parseLifeYears('六年')).toBeUndefined();
  });
});

describe('parseEquipmentSheet', () => {
  it('reads good rows, with the policy life where 使用年限 is blank', () => {
    const r = parseEquipmentSheet(
      sheet(
        ['向阳村远教站点设备现状登记表'],
        HEADER,
        ['电脑', '联想 M720', 'SN-1', { date: '2020-02-29' }, '县电信', '中央专项', '', '在用', ''],
        ['投影仪', '明基', 43647, '2019/7/1', '', '', 10, '', '会议室'],
      ),
      TODAY,
      LIFE,
    );
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        row: 3,
        values: {
          kind: 'terminal',
          model: '联想 M720',
          serial: 'SN-1',
          purchased: '2020-02-29',
          supplier: '县电信',
          funding: '中央专项',
          lifeYears: 6,
          status: 'in_use',
          note: null,
        },
      },
      {
        row: 4,
        values: {
          kind: 'display',
          model: '明基',
          serial: '43647', // a serial is text, even when a spreadsheet stored a number
          purchased: '2019-07-01',
          supplier: null,
          funding: null,
          lifeYears: 10,
          status: 'in_use',
          note: '会议室',
        },
      },
    ]);
  });

  it('refuses by row and column: bad dates, unknown kinds, bad lives and statuses, repeats', () => {
    const r = parseEquipmentSheet(
      sheet(
        HEADER,
        ['冰箱', '海尔', 'A', '2020-01-01', '', '', '', '', ''], // 2
        ['电脑', '', 'B', '2020-02-30', '', '', '', '', ''], // 3
        ['', '', '', '', '', '', '', '', ''], // blank, skipped
        ['音箱', '漫步者', 'C', '明年', '', '', '六', '丢了', ''], // 5
        ['电脑', '戴尔', 'D', '2030-01-01', '', '', '', '', ''], // 6
        ['电脑', '戴尔', 'D', '2020-01-01', '', '', '', '', ''], // 7
        ['电脑', '戴尔', 'D2', '', '', '', '', '', ''], // 8
        [null, '戴尔', 'E', '2020-01-01'], // 9
      ),
      TODAY,
      LIFE,
    );
    expect(where(r)).toEqual([
      '2:设备类型:kindUnknown',
      '3:品牌型号:modelMissing',
      '3:购置日期:dateImpossible',
      '5:购置日期:dateBad',
      '5:使用年限:lifeBad',
      '5:状态:statusUnknown',
      '6:购置日期:dateFuture',
      '7:序列号:serialDuplicateInFile',
      '8:购置日期:purchasedMissing',
      '9:设备类型:kindMissing',
    ]);
    expect(r.rows.map((x) => x.row)).toEqual([]);
  });

  it('refuses a sheet without a 设备类型 column', () => {
    const r = parseEquipmentSheet(sheet(['名称', '型号'], ['电脑', 'x']), TODAY, LIFE);
    expect(where(r)).toEqual(['1:设备类型:kindColumnMissing']);
  });

  it('reads past the export’s computed columns and names the ones it does not know', () => {
    const r = parseEquipmentSheet(
      sheet(['编号', ...HEADER, '应更换日期', '存放地点'], [1, '路由器', 'TP', '', '2024-01-01']),
      TODAY,
      LIFE,
    );
    expect(r.problems).toEqual([]);
    expect(r.unknownColumns).toEqual(['存放地点']);
    expect(r.rows[0]!.values).toMatchObject({ kind: 'router', serial: null, lifeYears: 5 });
  });
});
