import { isCalendarDate, type CellValue } from './table.js';

export type DateProblem = 'bad' | 'impossible' | 'tooEarly' | 'future';
export type DateResult = { ok: true; date: string } | { ok: false; problem: DateProblem };

/** Nobody on a roster was born or joined the party before this. */
const EARLIEST_YEAR = 1900;
const MS_PER_DAY = 86_400_000;
// Excel's day 0 is 1899-12-30 once past its fictitious 1900-02-29 (serial 60).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fromParts(year: number, month: number, day: number, today: string): DateResult {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, problem: 'impossible' };
  }
  if (year < EARLIEST_YEAR) return { ok: false, problem: 'tooEarly' };
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (date > today) return { ok: false, problem: 'future' };
  return { ok: true, date };
}

function fromExcelSerial(serial: number, today: string): DateResult {
  const d = new Date(EXCEL_EPOCH + Math.floor(serial) * MS_PER_DAY);
  return fromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), today);
}

/**
 * A number in a date column: 8 digits are 20190701; 5 digits (10000–99999, i.e. 1927–2173) are
 * an Excel date serial, as a CSV saved from a date column without a date format shows them.
 * Shorter numbers would be a bare year or a day before 1927: not a date anyone means.
 */
function fromNumber(n: number, today: string): DateResult {
  if (!Number.isFinite(n) || n <= 0) return { ok: false, problem: 'bad' };
  const whole = Math.floor(n);
  if (Number.isInteger(n) && whole >= 10_000_000 && whole <= 99_999_999) {
    return fromParts(Math.floor(whole / 10_000), Math.floor(whole / 100) % 100, whole % 100, today);
  }
  if (whole >= 10_000 && whole <= 99_999) return fromExcelSerial(n, today);
  return { ok: false, problem: 'bad' };
}

const YMD_SEPARATED =
  /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const YMD_CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const DIGITS = /^\d+(?:\.\d+)?$/;

/**
 * A date as villages write it → YYYY-MM-DD: 2019-07-01, 2019/7/1, 2019.7.1, 2019年7月1日,
 * 20190701, an Excel serial, or a spreadsheet date cell; full-width digits are fine. `today`
 * (YYYY-MM-DD, station time zone) bounds it: no roster date lies in the future.
 */
export function parseRosterDate(value: CellValue, today: string): DateResult {
  if (isCalendarDate(value)) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.date);
    if (!m) return { ok: false, problem: 'bad' };
    return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), today);
  }
  if (typeof value === 'number') return fromNumber(value, today);
  if (typeof value !== 'string') return { ok: false, problem: 'bad' };
  const text = value.normalize('NFKC').trim();
  const m = YMD_SEPARATED.exec(text) ?? YMD_CHINESE.exec(text);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), today);
  if (DIGITS.test(text)) {
    const digits = text.split('.')[0]!;
    if (digits.length === 8 && text.includes('.')) return { ok: false, problem: 'bad' };
    return fromNumber(Number(text), today);
  }
  return { ok: false, problem: 'bad' };
}
