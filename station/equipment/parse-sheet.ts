import type { EquipmentKind } from '../../common/contract-equipment.js';
import { parseRosterDate, type DateProblem } from '../members/import/dates.js';
import { columnLetter } from '../members/import/headers.js';
import { sortProblems } from '../members/import/problems.js';
import { cellText, isBlankRow, type RosterTable, type TableRow } from '../members/import/table.js';
import type { EquipmentValues } from './register.js';
import {
  MAX_LENGTH,
  SHEET_HEADERS,
  fieldForHeader,
  isIgnoredHeader,
  parseEquipmentStatus,
  parseKind,
  parseLifeYears,
  type SheetField,
} from './sheet-columns.js';

/** Message keys under `equipment.problem` in station/i18n. */
export type SheetProblemKey =
  | 'kindColumnMissing'
  | 'headerDuplicate'
  | 'kindMissing'
  | 'kindUnknown'
  | 'modelMissing'
  | 'purchasedMissing'
  | 'dateBad'
  | 'dateImpossible'
  | 'dateTooEarly'
  | 'dateFuture'
  | 'lifeBad'
  | 'statusUnknown'
  | 'tooLong'
  | 'serialDuplicateInFile';

/** One thing wrong, where a person finds it: the spreadsheet's row and the file's own header. */
export interface SheetProblem {
  row: number;
  field: SheetField | null;
  column: string;
  key: SheetProblemKey;
  params: Record<string, string | number>;
}

export interface SheetRow {
  row: number;
  values: EquipmentValues;
}

export interface ParsedSheet {
  sheet?: string;
  rows: SheetRow[];
  problems: SheetProblem[];
  /** Headers the import did not understand and ignored. */
  unknownColumns: string[];
}

const DATE_KEYS: Record<DateProblem, SheetProblemKey> = {
  bad: 'dateBad',
  impossible: 'dateImpossible',
  tooEarly: 'dateTooEarly',
  future: 'dateFuture',
};

/** Registers often open with a title row; the header is the first row naming 设备类型. */
function findHeader(tables: RosterTable[]): { table: RosterTable; header: TableRow | null } {
  for (const table of tables) {
    const header = table.rows
      .slice(0, 10)
      .find((r) => r.cells.some((c) => fieldForHeader(cellText(c)) === 'kind'));
    if (header) return { table, header };
  }
  return { table: tables[0]!, header: null };
}

/**
 * Register tables → item values per row and every problem by row and column. Pure: `today`
 * bounds purchase dates, `lifeYears` gives the policy life for rows that leave 使用年限 blank.
 */
export function parseEquipmentSheet(
  tables: RosterTable[],
  today: string,
  lifeYears: Record<EquipmentKind, number>,
): ParsedSheet {
  const { table, header } = findHeader(tables);
  const problems: SheetProblem[] = [];
  if (!header) {
    const row = table.rows.find((r) => !isBlankRow(r.cells))?.row ?? 1;
    problems.push({
      row,
      field: 'kind',
      column: SHEET_HEADERS.kind,
      key: 'kindColumnMissing',
      params: {},
    });
    return { sheet: table.sheet, rows: [], problems, unknownColumns: [] };
  }
  const columns: Partial<Record<SheetField, { index: number; header: string }>> = {};
  const unknownColumns: string[] = [];
  header.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === '') return;
    const field = fieldForHeader(text);
    if (!field) {
      if (!isIgnoredHeader(text)) unknownColumns.push(text);
      return;
    }
    const seen = columns[field];
    if (seen) {
      problems.push({
        row: header.row,
        field,
        column: text,
        key: 'headerDuplicate',
        params: { header: text, first: columnLetter(seen.index), second: columnLetter(index) },
      });
      return;
    }
    columns[field] = { index, header: text };
  });

  const rows: SheetRow[] = [];
  const serials = new Map<string, number>();
  for (const tableRow of table.rows) {
    if (tableRow.row <= header.row || isBlankRow(tableRow.cells)) continue;
    const before = problems.length;
    const problem = (
      field: SheetField,
      key: SheetProblemKey,
      params: Record<string, string | number> = {},
    ) =>
      problems.push({
        row: tableRow.row,
        field,
        column: columns[field]?.header ?? SHEET_HEADERS[field],
        key,
        params,
      });
    const raw = (field: SheetField) => {
      const col = columns[field];
      return col ? (tableRow.cells[col.index] ?? null) : null;
    };
    const text = (field: SheetField) => cellText(raw(field)).normalize('NFKC').trim();
    const optional = (field: keyof typeof MAX_LENGTH): string | null => {
      const value = text(field);
      if (value === '') return null;
      if (value.length > MAX_LENGTH[field]) problem(field, 'tooLong', { max: MAX_LENGTH[field] });
      return value;
    };

    const kindText = text('kind');
    const kind = kindText === '' ? undefined : parseKind(kindText);
    if (kindText === '') problem('kind', 'kindMissing');
    else if (!kind) problem('kind', 'kindUnknown', { value: kindText });

    const model = optional('model');
    if (model === null) problem('model', 'modelMissing');
    const serial = optional('serial');
    const supplier = optional('supplier');
    const funding = optional('funding');
    const note = optional('note');

    let purchased = '';
    if (text('purchased') === '') problem('purchased', 'purchasedMissing');
    else {
      const d = parseRosterDate(raw('purchased'), today);
      if (d.ok) purchased = d.date;
      else problem('purchased', DATE_KEYS[d.problem], { value: text('purchased') });
    }

    const lifeText = text('lifeYears');
    const life = lifeText === '' ? undefined : parseLifeYears(lifeText);
    if (lifeText !== '' && life === undefined) problem('lifeYears', 'lifeBad', { value: lifeText });

    const statusText = text('status');
    const status = statusText === '' ? 'in_use' : parseEquipmentStatus(statusText);
    if (!status) problem('status', 'statusUnknown', { value: statusText });

    if (kind && serial) {
      const key = `${kind}\u0000${serial}`;
      const other = serials.get(key);
      if (other !== undefined) problem('serial', 'serialDuplicateInFile', { serial, other });
      else serials.set(key, tableRow.row);
    }

    if (problems.length === before && kind && model && status) {
      rows.push({
        row: tableRow.row,
        values: {
          kind,
          model,
          serial,
          purchased,
          supplier,
          funding,
          lifeYears: life ?? lifeYears[kind],
          status,
          note,
        },
      });
    }
  }
  const order = (p: SheetProblem) => (p.field ? (columns[p.field]?.index ?? -1) : -1);
  return {
    sheet: table.sheet,
    rows,
    problems: sortProblems(problems, order),
    unknownColumns,
  };
}
