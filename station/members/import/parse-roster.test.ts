import { describe, expect, it } from 'vitest';
import { TEMPLATE_EXAMPLE } from './example-row.js';
import { parseRoster } from './parse-roster.js';
import type { CellValue, RosterTable } from './table.js';

const TODAY = '2026-03-15';
const HEADER = [
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
];

function csvTable(...rows: CellValue[][]): RosterTable[] {
  return [{ format: 'csv', rows: rows.map((cells, i) => ({ row: i + 1, cells })) }];
}

const where = (r: ReturnType<typeof parseRoster>) =>
  r.problems.map((p) => `${p.row}:${p.column}:${p.key}`);

describe('parseRoster', () => {
  it('reads a good row into member values', () => {
    const r = parseRoster(
      csvTable(HEADER, [
        ' 王  芳 ',
        '女',
        '1970/5/12',
        '2019年7月1日',
        '预备党员',
        '组织委员',
        '138 0000 0000',
        '是',
        ' 长沙 ',
        'A01',
      ]),
      TODAY,
    );
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        row: 2,
        valid: true,
        values: {
          name: '王芳',
          gender: 'female',
          birthDate: '1970-05-12',
          joinedOn: '2019-07-01',
          status: 'probationary',
          role: 'committee',
          roleTitle: '组织委员',
          phone: '138 0000 0000',
          isMobile: true,
          worksIn: '长沙',
          cardCode: 'A01',
        },
      },
    ]);
  });

  it('leaves blank cells out, so they state nothing', () => {
    const r = parseRoster(csvTable(HEADER, ['张国庆', '', '', '', '', '', '', '', '', '']), TODAY);
    expect(r.rows[0]!.values).toEqual({ name: '张国庆' });
  });

  it.each([
    ['书记', 'secretary'],
    ['支部书记', 'secretary'],
    ['党支部书记', 'secretary'],
    ['总支书记', 'secretary'],
    ['副书记', 'committee'],
    ['组织委员', 'committee'],
    ['宣传委员', 'committee'],
    ['纪检委员', 'committee'],
    ['党员', 'member'],
  ])('maps the post %s to %s', (title, role) => {
    const r = parseRoster(csvTable(['姓名', '职务'], ['张国庆', title]), TODAY);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.values).toMatchObject({ role, roleTitle: title });
  });

  it('lists every problem by spreadsheet row and column, skipping blank rows silently', () => {
    const r = parseRoster(
      csvTable(
        HEADER,
        ['张国庆', '男', '1962-03-08', '1985-07-01', '正式党员', '党支部书记', '', '否', '', 'A1'], // 2
        ['', '女', '1980-01-01', '', '', '', '', '', '', ''], // 3
        ['', '', '', '', '', '', '', '', '', ''], // 4: blank
        ['李明', '男', '1980-02-30', '2005/7/1', '', '', '', '', '', ''], // 5
        ['吴刚', '公', '1979-08-08', '2040-01-01', '临时', '村长', '', '也许', '', ''], // 6
        [], // 7: blank (a short CSV line)
        ['郑强', '男', '1985-05-05', '1980-01-01', '', '', '', '', '', ''], // 8
      ),
      TODAY,
    );
    expect(where(r)).toEqual([
      '3:姓名:nameMissing',
      '5:出生日期:dateImpossible',
      '6:性别:genderBad',
      '6:入党日期:dateFuture',
      '6:类别:statusBad',
      '6:职务:roleUnknown',
      '6:流动党员:yesNoBad',
      '8:入党日期:joinedBeforeBirth',
    ]);
    expect(r.rows.map((x) => [x.row, x.valid])).toEqual([
      [2, true],
      [3, false],
      [5, false],
      [6, false],
      [8, false],
    ]);
    expect(r.problems.find((p) => p.key === 'roleUnknown')!.params).toEqual({ value: '村长' });
  });

  it('names the file’s own header in problems, English or Chinese', () => {
    const r = parseRoster(csvTable(['Name', 'Birth date'], ['', 'soon']), TODAY);
    expect(where(r)).toEqual(['2:Name:nameMissing', '2:Birth date:dateBad']);
  });

  it('refuses a roster with no 姓名 column, at its first row', () => {
    const r = parseRoster(csvTable(['名字呢', '性别'], ['张国庆', '男']), TODAY);
    expect(where(r)).toEqual(['1:姓名:nameColumnMissing']);
    expect(r.rows).toEqual([]);
  });

  it('refuses a duplicate header', () => {
    const r = parseRoster(csvTable(['姓名', '卡号', 'Card'], ['张国庆', '1', '2']), TODAY);
    expect(where(r)).toEqual(['1:Card:headerDuplicate']);
    expect(r.problems[0]!.params).toEqual({ header: 'Card', first: 'B', second: 'C' });
  });

  it('warns about columns it ignores', () => {
    const r = parseRoster(
      csvTable(['序号', '姓名', '备注', '民族'], ['1', '张国庆', '', '汉']),
      TODAY,
    );
    expect(r.warnings).toEqual([{ key: 'unknownColumns', params: { columns: '备注、民族' } }]);
  });

  it('counts rows from a title row above the header, as the spreadsheet shows them', () => {
    const r = parseRoster(
      [
        {
          format: 'xlsx',
          sheet: '名册',
          rows: [
            { row: 1, cells: ['向阳村党员名册'] },
            { row: 3, cells: ['姓名', '出生日期'] },
            { row: 4, cells: ['张国庆', { date: '1962-03-08' }] },
            { row: 6, cells: [null, 23000] },
          ],
        },
      ],
      TODAY,
    );
    expect(r.headerRow).toBe(3);
    expect(r.rows[0]).toEqual({
      row: 4,
      valid: true,
      values: { name: '张国庆', birthDate: '1962-03-08' },
    });
    expect(where(r)).toEqual(['6:姓名:nameMissing']);
  });

  it('reads the first sheet that has a header, skipping a cover sheet', () => {
    const r = parseRoster(
      [
        { format: 'xlsx', sheet: '说明', rows: [{ row: 1, cells: ['请按下表填写'] }] },
        {
          format: 'xlsx',
          sheet: '名单',
          rows: [
            { row: 1, cells: ['姓名'] },
            { row: 2, cells: ['王芳'] },
          ],
        },
      ],
      TODAY,
    );
    expect(r.sheet).toBe('名单');
    expect(r.rows.map((x) => x.values.name)).toEqual(['王芳']);
  });

  it('skips the template’s example row left in place, and says so', () => {
    const e = TEMPLATE_EXAMPLE;
    const r = parseRoster(
      csvTable(
        HEADER,
        [
          e.name,
          e.gender,
          e.birthDate,
          e.joinedOn,
          e.status,
          e.roleTitle,
          e.phone,
          e.isMobile,
          '',
          e.cardCode,
        ],
        ['王芳', '女', '', '', '', '', '', '', '', ''],
      ),
      TODAY,
    );
    expect(r.rows.map((x) => x.values.name)).toEqual(['王芳']);
    expect(r.warnings).toEqual([{ key: 'exampleRowSkipped', params: { row: 2 } }]);
  });

  it('refuses cells too long to be what their column holds', () => {
    const r = parseRoster(csvTable(['姓名', '卡号'], ['张'.repeat(41), 'x'.repeat(65)]), TODAY);
    expect(where(r)).toEqual(['2:姓名:tooLong', '2:卡号:tooLong']);
  });
});
