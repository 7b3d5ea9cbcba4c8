import type ExcelJS from 'exceljs';
import type { Db } from '../db/open.js';
import { writeFileAtomically } from '../exports/atomic-file.js';
import { stationToday } from '../members/import/apply.js';
import { readTables, type TableErrors } from '../members/import/read-table.js';
import { parseEquipmentSheet, type SheetProblem } from './parse-sheet.js';
import {
  findBySerial,
  insertEquipment,
  lifeYearsByKind,
  listEquipment,
  updateEquipment,
} from './register.js';
import {
  DERIVED_HEADERS,
  KIND_NAMES,
  SHEET_FIELDS,
  SHEET_HEADERS,
  STATUS_NAMES,
  type SheetField,
} from './sheet-columns.js';

export const EQUIPMENT_SHEET_ERRORS: TableErrors = {
  tooLarge: 'equipmentSheetTooLarge',
  oldXls: 'equipmentSheetOldXls',
  notTable: 'equipmentSheetNotTable',
  empty: 'equipmentSheetEmpty',
  undecodable: 'equipmentSheetUndecodable',
  csvBroken: 'equipmentSheetCsvBroken',
};

/** A station's register is tens of rows; 8 MB is far beyond any real one. */
export const MAX_SHEET_BYTES = 8 * 1024 * 1024;

export interface SheetImportOutcome {
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  problems: SheetProblem[];
  unknownColumns: string[];
}

/**
 * Reads a register sheet and, when every row is good, writes it in one transaction: a row whose
 * kind and serial match an item updates it, any other row adds one. A single bad row refuses
 * the whole file, so the register is never half-imported. Nothing is ever deleted.
 */
export async function importEquipmentSheet(
  db: Db,
  bytes: Uint8Array,
  opts: { now: Date; dryRun?: boolean },
): Promise<SheetImportOutcome> {
  const tables = await readTables(bytes, EQUIPMENT_SHEET_ERRORS, MAX_SHEET_BYTES);
  const parsed = parseEquipmentSheet(tables, stationToday(db, opts.now), lifeYearsByKind(db));
  const outcome: SheetImportOutcome = {
    applied: false,
    created: 0,
    updated: 0,
    unchanged: 0,
    problems: parsed.problems,
    unknownColumns: parsed.unknownColumns,
  };
  if (parsed.problems.length > 0) return outcome;
  const write = db.transaction(() => {
    for (const { values } of parsed.rows) {
      const id = values.serial === null ? null : findBySerial(db, values.kind, values.serial);
      if (id === null) {
        insertEquipment(db, values, opts.now);
        outcome.created++;
      } else if (updateEquipment(db, id, values, opts.now)) outcome.updated++;
      else outcome.unchanged++;
    }
    if (opts.dryRun) throw new DryRun();
  });
  try {
    write.immediate();
    outcome.applied = true;
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return outcome;
}

/** Rolls a preview's transaction back after counting what it would have done. */
class DryRun extends Error {}

const WIDTHS: Record<SheetField | keyof typeof DERIVED_HEADERS, number> = {
  id: 8,
  kind: 12,
  model: 24,
  serial: 20,
  purchased: 13,
  supplier: 22,
  funding: 16,
  lifeYears: 10,
  status: 10,
  replaceBy: 13,
  note: 30,
};

const utcDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

/**
 * The register as the county's sheet: Chinese headers on a frozen first row, real date cells,
 * serials as text (so a long number keeps its digits), the computed replacement date for people
 * to read. Importing this file again changes nothing.
 */
export async function buildEquipmentWorkbook(db: Db): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Study Station';
  const sheet = workbook.addWorksheet('设备登记', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  const keys = ['id', ...SHEET_FIELDS.slice(0, 8), 'replaceBy', 'note'] as const;
  sheet.columns = keys.map((key) => ({
    header: key === 'id' || key === 'replaceBy' ? DERIVED_HEADERS[key] : SHEET_HEADERS[key],
    key,
    width: WIDTHS[key],
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  for (const item of listEquipment(db)) {
    sheet.addRow({
      id: item.id,
      kind: KIND_NAMES[item.kind],
      model: item.model,
      serial: item.serial ?? '',
      purchased: utcDate(item.purchased),
      supplier: item.supplier ?? '',
      funding: item.funding ?? '',
      lifeYears: item.lifeYears,
      status: STATUS_NAMES[item.status],
      replaceBy: utcDate(item.replaceBy),
      note: item.note ?? '',
    });
  }
  sheet.getColumn('purchased').numFmt = 'yyyy-mm-dd';
  sheet.getColumn('replaceBy').numFmt = 'yyyy-mm-dd';
  sheet.getColumn('serial').numFmt = '@';
  return workbook;
}

/** Writes next to the destination and renames into place: never a half-written workbook. */
export async function writeEquipmentWorkbook(db: Db, file: string): Promise<number> {
  const workbook = await buildEquipmentWorkbook(db);
  const rows = workbook.worksheets[0]!.rowCount - 1;
  const buffer = await workbook.xlsx.writeBuffer();
  writeFileAtomically(file, new Uint8Array(buffer as ArrayBuffer));
  return rows;
}
