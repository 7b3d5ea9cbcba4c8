import { describe, expect, it } from 'vitest';
import { parseRosterDate, type DateResult } from './dates.js';
import type { CellValue } from './table.js';

const TODAY = '2026-03-15';
const ok = (date: string): DateResult => ({ ok: true, date });
const bad = { ok: false, problem: 'bad' } as const;
const impossible = { ok: false, problem: 'impossible' } as const;

const cases: [CellValue, DateResult][] = [
  ['2019-07-01', ok('2019-07-01')],
  ['2019-7-1', ok('2019-07-01')],
  ['2019/7/1', ok('2019-07-01')],
  ['2019/07/01', ok('2019-07-01')],
  ['2019.7.1', ok('2019-07-01')],
  ['2019年7月1日', ok('2019-07-01')],
  ['2019年07月01号', ok('2019-07-01')],
  ['2019 年 7 月 1 日', ok('2019-07-01')],
  ['２０１９／７／１', ok('2019-07-01')], // full-width digits and slash, as a Chinese IME types them
  ['20190701', ok('2019-07-01')],
  [' 2019-07-01 ', ok('2019-07-01')],
  ['2019/7/1 0:00', ok('2019-07-01')], // Excel's CSV of a date-time cell
  ['2019-07-01 00:00:00', ok('2019-07-01')],
  ['43647', ok('2019-07-01')], // an Excel serial, as a CSV of an unformatted date column shows it
  ['43647.75', ok('2019-07-01')],
  [43647, ok('2019-07-01')], // a numeric XLSX cell
  [20190701, ok('2019-07-01')],
  [{ date: '2019-07-01' }, ok('2019-07-01')], // a date cell
  ['2020-02-29', ok('2020-02-29')], // leap day
  [TODAY, ok(TODAY)], // today is not the future
  ['2019-02-30', impossible],
  ['2019-02-29', impossible],
  ['2019-13-01', impossible],
  ['2019-00-10', impossible],
  ['2019年4月31日', impossible],
  ['20190230', impossible],
  ['1899-12-31', { ok: false, problem: 'tooEarly' }],
  ['2026-03-16', { ok: false, problem: 'future' }],
  ['2030-01-01', { ok: false, problem: 'future' }],
  [99999, { ok: false, problem: 'future' }], // serial in 2173
  ['1990', bad], // a year alone is not a date
  ['1990.5', bad],
  ['2019-07', bad],
  ['2019年7月', bad],
  ['7/1/2019', bad], // month-first is ambiguous; not a Chinese spelling
  ['19-07-01', bad],
  ['abc', bad],
  ['二〇一九年七月一日', bad],
  ['2019-07-01x', bad],
  ['20190701.5', bad],
  [-5, bad],
  [true, bad],
];

describe('parseRosterDate', () => {
  it.each(cases)('%j → %j', (input, expected) => {
    expect(parseRosterDate(input, TODAY)).toEqual(expected);
  });
});
