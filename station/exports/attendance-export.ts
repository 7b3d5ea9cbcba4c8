import fs from 'node:fs';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { zonedInstant } from '../domain/zoned-time.js';
import type { Translate } from '../i18n/index.js';
import { hoursPolicy } from '../attendance/hours-report.js';
import { readSettings } from '../settings/store.js';
import { attendanceRows, type AttendanceExportRow } from './attendance-rows.js';
import { BufferedFileWriter, writeAtomically } from './atomic-file.js';
import { csvLine, CSV_BOM } from './csv.js';
import { LocalTime } from './local-time.js';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Columns in order, with the width (in characters) the spreadsheet gives them. */
export const ATTENDANCE_COLUMNS = [
  ['date', 12],
  ['sessionId', 9],
  ['sessionKind', 12],
  ['sessionTitle', 28],
  ['memberId', 9],
  ['memberName', 10],
  ['role', 10],
  ['checkIn', 20],
  ['checkOut', 20],
  ['minutes', 10],
  ['credit', 8],
  ['status', 10],
  ['reason', 20],
  ['makeup', 6],
  ['corrected', 8],
  ['timeQuality', 9],
] as const;

/** A date written YYYY-MM-DD that exists on the calendar. */
export function parseDay(text: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (!m || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new StationFailure('BAD_REQUEST', 'badDate', { value: text });
  }
  return { year, month, day };
}

/** Local calendar days [from, to], both included, as instants [from 00:00, the day after to). */
export function dayRange(from: string, to: string, timeZone: string): { from: Date; to: Date } {
  const a = parseDay(from);
  const b = parseDay(to);
  if (from > to) throw new StationFailure('BAD_REQUEST', 'rangeReversed', { from, to });
  return {
    from: zonedInstant(a, timeZone),
    to: zonedInstant({ ...b, day: b.day + 1 }, timeZone),
  };
}

/** Labels looked up once, not per row: a million rows must not mean a million i18n calls. */
function labels(t: Translate) {
  const table = (prefix: string) => {
    const memo = new Map<string, string>();
    return (key: string) => {
      let v = memo.get(key);
      if (v === undefined) memo.set(key, (v = t(`${prefix}.${key}`)));
      return v;
    };
  };
  const kind = table('exports.kind');
  const role = table('members.role');
  const yes = t('members.yes');
  const no = t('members.no');
  return {
    header: ATTENDANCE_COLUMNS.map(([key]) => t(`exports.column.${key}`)),
    kind,
    role: (r: AttendanceExportRow) => r.roleTitle ?? role(r.memberRole),
    status: table('exports.status'),
    yesNo: (b: boolean) => (b ? yes : no),
    quality: table('exports.quality'),
  };
}

type Labels = ReturnType<typeof labels>;
type Cell = string | number | Date | null;

/**
 * One row's fields in ATTENDANCE_COLUMNS order. The two formats differ only in how the session's
 * day and the check-in/out times are written: `day` is the session's day already formatted,
 * `moment` formats a timestamp.
 */
function rowCells<T>(
  r: AttendanceExportRow,
  l: Labels,
  day: T,
  moment: (iso: string) => T,
): (T | string | number | null)[] {
  return [
    day,
    r.sessionId,
    l.kind(r.sessionKind),
    r.sessionTitle,
    r.memberId,
    r.memberName,
    l.role(r),
    r.checkIn ? moment(r.checkIn) : null,
    r.checkOut ? moment(r.checkOut) : null,
    r.minutes,
    r.credit,
    l.status(r.status),
    r.reason,
    l.yesNo(r.makeup),
    l.yesNo(r.corrected),
    l.quality(r.timeQuality),
  ];
}

/** One row as spreadsheet cells; times as local wall-clock Dates. */
function xlsxCells(r: AttendanceExportRow, l: Labels, lt: LocalTime): Cell[] {
  const start = lt.wallClock(r.sessionStartedAt);
  const day = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
  return rowCells(r, l, day, (iso) => lt.wallClock(iso));
}

/**
 * The same row as CSV fields: local 'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM:SS', which Excel, WPS and
 * LibreOffice all read as dates. The session's date is worked out once per session.
 */
function csvRowWriter(l: Labels, lt: LocalTime) {
  let lastSession = '';
  let lastDay = '';
  const dateTime = (iso: string) => lt.dateTime(iso);
  return (r: AttendanceExportRow): string => {
    if (r.sessionStartedAt !== lastSession) {
      lastSession = r.sessionStartedAt;
      lastDay = lt.date(r.sessionStartedAt);
    }
    return csvLine(rowCells(r, l, lastDay, dateTime));
  };
}

export interface ExportRequest {
  from: string;
  to: string;
  format: ExportFormat;
  out: string;
}

/**
 * Writes the attendance export to `out`, streaming rows from SQLite to the file. CSV is UTF-8
 * with a BOM and CRLF line ends: without the BOM Excel and WPS read Chinese as GBK and garble it.
 */
export async function exportAttendance(
  db: Db,
  req: ExportRequest,
  t: Translate,
  now: Date,
  onProgress?: (rows: number) => void,
): Promise<{ rows: number; file: string }> {
  const settings = readSettings(db);
  const range = dayRange(req.from, req.to, settings.timeZone);
  const rows = attendanceRows(db, range, hoursPolicy(settings), now);
  const l = labels(t);
  const lt = new LocalTime(settings.timeZone);
  const count = await writeAtomically(req.out, (partial) =>
    req.format === 'csv'
      ? writeCsv(partial, rows, l, lt, onProgress)
      : writeXlsx(partial, rows, l, lt, t('exports.sheetName'), onProgress),
  );
  return { rows: count, file: req.out };
}

/**
 * Writes the CSV; every 10,000 rows it lets the event loop turn, so a kiosk exporting in the
 * background still answers (and its progress can be read).
 */
async function writeCsv(
  file: string,
  rows: Iterable<AttendanceExportRow>,
  l: Labels,
  lt: LocalTime,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const out = new BufferedFileWriter(file);
  const line = csvRowWriter(l, lt);
  let n = 0;
  try {
    out.write(CSV_BOM + csvLine(l.header));
    for (const r of rows) {
      out.write(line(r));
      if (++n % 10_000 === 0) {
        onProgress?.(n);
        await new Promise<void>((res) => setImmediate(res));
      }
    }
  } finally {
    out.close();
  }
  return n;
}

async function writeXlsx(
  file: string,
  rows: Iterable<AttendanceExportRow>,
  l: Labels,
  lt: LocalTime,
  sheetName: string,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const { default: excel } = await import('exceljs');
  const stream = fs.createWriteStream(file, { flags: 'wx' });
  // exceljs does not reject its commit when the file stream fails (ENOSPC): race the two.
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  const wb = new excel.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ATTENDANCE_COLUMNS.map(([key, width], i) => ({
    header: l.header[i],
    key,
    width,
    style:
      key === 'date'
        ? { numFmt: 'yyyy-mm-dd' }
        : key === 'checkIn' || key === 'checkOut'
          ? { numFmt: 'yyyy-mm-dd hh:mm:ss' }
          : key === 'credit'
            ? { numFmt: '0.0' }
            : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let n = 0;
  // Set when the file fails (disk full): the loop stops and its row cursor closes before the
  // error is reported, since a caller that touches the database meanwhile would find it busy.
  let aborted = false;
  const work = (async () => {
    for (const r of rows) {
      if (aborted) return;
      ws.addRow(xlsxCells(r, l, lt)).commit();
      if (++n % 1_000 === 0) {
        onProgress?.(n);
        // exceljs writes into its zip stream without waiting for the file: wait here until what
        // was compressed so far has reached the file, so memory stays bounded on a big export.
        const written = stream.bytesWritten;
        for (let tick = 0; tick < 100; tick++) {
          await new Promise<void>((res) => setTimeout(res, 0));
          if (stream.writableLength === 0 && stream.bytesWritten > written) break;
        }
      }
    }
    ws.commit();
    await wb.commit();
  })();
  try {
    await Promise.race([work, failed]);
  } catch (err) {
    aborted = true;
    // The loop notices within a row; a commit stuck on the failed stream holds no cursor, so
    // that wait is bounded.
    await Promise.race([
      work.catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]);
    throw err;
  }
  return n;
}
