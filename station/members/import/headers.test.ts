import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  fieldForHeader,
  findHeaderRow,
  mapHeaderCells,
  type RosterField,
} from './headers.js';

describe('fieldForHeader', () => {
  const cases: [string, RosterField | null][] = [
    ['姓名', 'name'],
    [' 姓 名 ', 'name'],
    ['姓　名', 'name'], // ideographic space, as printed rosters align two-character headers
    ['*姓名', 'name'], // a required-field star
    ['姓名：', 'name'],
    ['Name', 'name'],
    ['ＮＡＭＥ', 'name'], // full-width letters
    ['性别', 'gender'],
    ['Gender', 'gender'],
    ['出生日期', 'birthDate'],
    ['出生年月', 'birthDate'],
    ['出生日期（年-月-日）', 'birthDate'],
    ['Birth date', 'birthDate'],
    ['birth_date', 'birthDate'],
    ['入党日期', 'joinedOn'],
    ['入党时间', 'joinedOn'],
    ['Joined', 'joinedOn'],
    ['类别', 'status'],
    ['党员类别', 'status'],
    ['Status', 'status'],
    ['职务', 'roleTitle'],
    ['Role', 'roleTitle'],
    ['联系电话', 'phone'],
    ['手机号码', 'phone'],
    ['Phone', 'phone'],
    ['流动党员', 'isMobile'],
    ['是否流动党员', 'isMobile'],
    ['Mobile', 'isMobile'],
    ['务工地', 'worksIn'],
    ['流入地', 'worksIn'],
    ['Works in', 'worksIn'],
    ['卡号', 'cardCode'],
    ['Card code', 'cardCode'],
    ['备注', null],
    ['身份证号', null], // not kept: the rules do not need it
    ['', null],
  ];
  it.each(cases)('%j → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });
});

describe('mapHeaderCells', () => {
  it('maps columns by name wherever they stand, listing the ones it does not know', () => {
    const m = mapHeaderCells(['序号', '卡号', '姓名', null, '备注', 'Gender', '身份证号']);
    expect(m.columns).toEqual({
      cardCode: { index: 1, header: '卡号' },
      name: { index: 2, header: '姓名' },
      gender: { index: 5, header: 'Gender' },
    });
    expect(m.unknown).toEqual(['备注', '身份证号']); // 序号 is a row number: ignored silently
    expect(m.problems).toEqual([]);
  });

  it('reports a field named twice, with both column letters', () => {
    const m = mapHeaderCells(['姓名', '电话', '性别', '手机号码']);
    expect(m.problems).toEqual([
      { kind: 'duplicate', field: 'phone', header: '手机号码', first: 'B', second: 'D' },
    ]);
  });
});

describe('findHeaderRow', () => {
  it('skips a title row above the header', () => {
    const rows = [
      { row: 1, cells: ['向阳村党员名册', '向阳村党员名册'] },
      { row: 2, cells: ['序号', '姓名', '性别'] },
      { row: 3, cells: ['1', '张国庆', '男'] },
    ];
    expect(findHeaderRow(rows)?.row).toBe(2);
  });

  it('finds nothing when no row names 姓名', () => {
    expect(findHeaderRow([{ row: 1, cells: ['a', 'b'] }])).toBeNull();
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (i, letter) => expect(columnLetter(i)).toBe(letter));
});
