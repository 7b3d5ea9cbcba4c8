import type * as CsvParse from 'csv-parse/sync';
import { lazyRequire } from '../../lazy-require.js';
import type ExcelJS from 'exceljs';
import { StationFailure, type ErrorKey } from '../../errors.js';
import { decodeText, implausibleTextReason } from './decode.js';
import { isBlankRow, type CellValue, type RosterTable, type TableRow } from './table.js';

const csvParse = lazyRequire<typeof CsvParse>('csv-parse/sync');

/** A roster is a few hundred rows; anything far larger is not one, and would only use memory. */
export const MAX_ROSTER_BYTES = 32 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// OLE2 compound file: the old binary .xls, and also password-protected .xlsx.
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function hasMagic(buf: Uint8Array, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

/**
 * The messages a table reader fails with, so each kind of sheet (the roster, the equipment
 * register) names itself: "this is not a roster" vs "this is not an equipment register".
 */
export interface TableErrors {
  tooLarge: ErrorKey;
  oldXls: ErrorKey;
  notTable: ErrorKey;
  empty: ErrorKey;
  undecodable: ErrorKey;
  csvBroken: ErrorKey;
}

export const ROSTER_ERRORS: TableErrors = {
  tooLarge: 'rosterTooLarge',
  oldXls: 'rosterOldXls',
  notTable: 'rosterNotTable',
  empty: 'rosterEmpty',
  undecodable: 'rosterUndecodable',
  csvBroken: 'rosterCsvBroken',
};

/**
 * Reads a roster file's bytes into tables of cells, one per candidate worksheet (a CSV has one).
 * Whatever is not a roster — empty, an image, an old .xls, a zip that is not a workbook, noise —
 * fails with one sentence rather than a parser's stack.
 */
export function readRosterTables(buf: Uint8Array): Promise<RosterTable[]> {
  return readTables(buf, ROSTER_ERRORS);
}

/** Any spreadsheet (XLSX or CSV) → tables of cells; failures use `errors`' messages. */
export async function readTables(
  buf: Uint8Array,
  errors: TableErrors,
  maxBytes = MAX_ROSTER_BYTES,
): Promise<RosterTable[]> {
  if (buf.length > maxBytes) {
    throw new StationFailure('BAD_REQUEST', errors.tooLarge, {
      size: Math.ceil(buf.length / (1024 * 1024)),
      max: maxBytes / (1024 * 1024),
    });
  }
  if (hasMagic(buf, OLE2_MAGIC)) throw new StationFailure('BAD_REQUEST', errors.oldXls);
  const tables = hasMagic(buf, ZIP_MAGIC)
    ? await readWorkbook(buf, errors)
    : [readCsv(buf, errors)];
  if (tables.every((t) => t.rows.every((r) => isBlankRow(r.cells)))) {
    throw new StationFailure('BAD_REQUEST', errors.empty);
  }
  return tables;
}

/**
 * The delimiter: Excel's "Unicode text" uses tabs, some locales semicolons. Counted over the first
 * lines rather than the first alone, which may be a title such as 向阳村党员名册.
 */
function guessDelimiter(text: string): string {
  const head = text
    .slice(0, 64 * 1024)
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 5)
    .join('\n');
  const count = (ch: string) => head.split(ch).length - 1;
  const candidates = [',', '\t', ';'].map((d) => ({ d, n: count(d) }));
  candidates.sort((a, b) => b.n - a.n);
  return candidates[0]!.n > 0 ? candidates[0]!.d : ',';
}

export function readCsv(buf: Uint8Array, errors: TableErrors = ROSTER_ERRORS): RosterTable {
  const { text, encoding } = decodeText(buf);
  if (text.trim() === '') throw new StationFailure('BAD_REQUEST', errors.empty);
  const implausible = implausibleTextReason(text);
  if (implausible === 'binary') throw new StationFailure('BAD_REQUEST', errors.notTable);
  if (implausible === 'undecodable') throw new StationFailure('BAD_REQUEST', errors.undecodable);
  let records: string[][];
  try {
    records = csvParse().parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    throw new StationFailure('BAD_REQUEST', errors.csvBroken, { line });
  }
  // A spreadsheet shows one row per record, so a quoted cell spanning lines is still one row.
  const rows: TableRow[] = records.map((cells, i) => ({ row: i + 1, cells }));
  return { format: 'csv', encoding, rows };
}

/** exceljs reads date cells as JS Dates at UTC midnight of the calendar day the sheet shows. */
function dateCell(d: Date): CellValue {
  if (Number.isNaN(d.getTime())) return null;
  const rounded = new Date(Math.round(d.getTime() / 1000) * 1000);
  return { date: rounded.toISOString().slice(0, 10) };
}

function toCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateCell(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) {
    const text = v.text as unknown;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text) {
      return (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    }
    return null;
  }
  if ('error' in v) return String(v.error);
  if ('result' in v) return toCellValue((v.result ?? null) as ExcelJS.CellValue);
  return null;
}

async function readWorkbook(buf: Uint8Array, errors: TableErrors): Promise<RosterTable[]> {
  // Loaded on demand: exceljs takes a quarter of a second to load, which every other `station`
  // command would otherwise pay.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(buf) as unknown as ExcelJS.Buffer);
  } catch {
    throw new StationFailure('BAD_REQUEST', errors.notTable);
  }
  const tables: RosterTable[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') continue;
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(toCellValue(row.getCell(c).value));
      rows.push({ row: rowNumber, cells });
    });
    tables.push({ format: 'xlsx', sheet: sheet.name, rows });
  }
  if (tables.length === 0) throw new StationFailure('BAD_REQUEST', errors.notTable);
  return tables;
}
