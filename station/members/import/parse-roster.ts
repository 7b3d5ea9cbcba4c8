import { roleFromTitle, type MemberRole } from '../../domain/roles.js';
import { TEMPLATE_EXAMPLE } from './example-row.js';
import { parseRosterDate, type DateProblem } from './dates.js';
import {
  CHINESE_HEADERS,
  ROSTER_FIELDS,
  findHeaderRow,
  mapHeaderCells,
  type MappedColumn,
  type RosterField,
} from './headers.js';
import {
  MAX_LENGTH,
  normalizeName,
  normalizeText,
  parseGender,
  parseStatus,
  parseYesNo,
} from './fields.js';
import {
  sortProblems,
  type ProblemKey,
  type RosterProblem,
  type RosterWarning,
} from './problems.js';
import { cellText, isBlankRow, type CellValue, type RosterTable, type TableRow } from './table.js';

/**
 * What one row says about a member. A field is present only when its cell is filled in: a blank
 * cell states nothing, so re-importing a shorter sheet never erases what the station knows.
 */
export interface RosterValues {
  name: string;
  gender?: 'male' | 'female';
  birthDate?: string;
  joinedOn?: string;
  status?: 'full' | 'probationary';
  role?: MemberRole;
  roleTitle?: string;
  phone?: string;
  isMobile?: boolean;
  worksIn?: string;
  cardCode?: string;
}

export interface ParsedRow {
  row: number;
  values: RosterValues;
  /** False when a cell of this row has a problem; such rows are listed but never written. */
  valid: boolean;
}

export interface ParsedRoster {
  format: RosterTable['format'];
  encoding?: RosterTable['encoding'];
  sheet?: string;
  headerRow: number;
  columns: Partial<Record<RosterField, MappedColumn>>;
  rows: ParsedRow[];
  problems: RosterProblem[];
  warnings: RosterWarning[];
}

const DATE_PROBLEM_KEYS: Record<DateProblem, ProblemKey> = {
  bad: 'dateBad',
  impossible: 'dateImpossible',
  tooEarly: 'dateTooEarly',
  future: 'dateFuture',
};

/** The sheet to read: the first whose first rows include a 姓名 header, else the first. */
function chooseTable(tables: RosterTable[]): { table: RosterTable; header: TableRow | null } {
  for (const table of tables) {
    const header = findHeaderRow(table.rows);
    if (header) return { table, header };
  }
  return { table: tables[0]!, header: null };
}

function isTemplateExample(values: RosterValues): boolean {
  return (
    values.name === TEMPLATE_EXAMPLE.name &&
    values.cardCode === TEMPLATE_EXAMPLE.cardCode &&
    values.birthDate === TEMPLATE_EXAMPLE.birthDate
  );
}

/**
 * A roster table → member values per row and every problem, each placed by spreadsheet row and
 * column. Pure: `today` (YYYY-MM-DD in the station's zone) bounds the dates.
 */
export function parseRoster(tables: RosterTable[], today: string): ParsedRoster {
  const { table, header } = chooseTable(tables);
  const base = { format: table.format, encoding: table.encoding, sheet: table.sheet };
  const problems: RosterProblem[] = [];
  const warnings: RosterWarning[] = [];
  if (!header) {
    const firstRow = table.rows.find((r) => !isBlankRow(r.cells))?.row ?? 1;
    problems.push({
      row: firstRow,
      field: 'name',
      column: CHINESE_HEADERS.name,
      key: 'nameColumnMissing',
      params: {},
    });
    return { ...base, headerRow: firstRow, columns: {}, rows: [], problems, warnings };
  }

  const mapping = mapHeaderCells(header.cells);
  const { columns } = mapping;
  for (const p of mapping.problems) {
    problems.push({
      row: header.row,
      field: p.field,
      column: p.header,
      key: 'headerDuplicate',
      params: { header: p.header, first: p.first, second: p.second },
    });
  }
  if (mapping.unknown.length > 0) {
    warnings.push({ key: 'unknownColumns', params: { columns: mapping.unknown.join('、') } });
  }

  const rows: ParsedRow[] = [];
  for (const tableRow of table.rows) {
    if (tableRow.row <= header.row || isBlankRow(tableRow.cells)) continue;
    const parsed = parseRow(tableRow, columns, today);
    if (parsed.problems.length === 0 && isTemplateExample(parsed.values)) {
      warnings.push({ key: 'exampleRowSkipped', params: { row: tableRow.row } });
      continue;
    }
    rows.push({ row: tableRow.row, values: parsed.values, valid: parsed.problems.length === 0 });
    problems.push(...parsed.problems);
  }
  if (rows.length === 0 && problems.length === 0) warnings.push({ key: 'noDataRows', params: {} });

  const order = (p: RosterProblem) => (p.field ? (columns[p.field]?.index ?? -1) : -1);
  return {
    ...base,
    headerRow: header.row,
    columns,
    rows,
    problems: sortProblems(problems, order),
    warnings,
  };
}

function parseRow(
  tableRow: TableRow,
  columns: Partial<Record<RosterField, MappedColumn>>,
  today: string,
): { values: RosterValues; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const problem = (
    field: RosterField,
    key: ProblemKey,
    params: Record<string, string | number> = {},
  ) =>
    problems.push({
      row: tableRow.row,
      field,
      column: columns[field]?.header ?? CHINESE_HEADERS[field],
      key,
      params,
    });
  const cell = (field: RosterField): CellValue => {
    const col = columns[field];
    return col ? (tableRow.cells[col.index] ?? null) : null;
  };
  const text = (field: RosterField) => cellText(cell(field));
  const withinLength = (field: keyof typeof MAX_LENGTH, value: string) => {
    if (value.length <= MAX_LENGTH[field]) return true;
    problem(field, 'tooLong', { max: MAX_LENGTH[field] });
    return false;
  };

  const values: RosterValues = { name: normalizeName(text('name')) };
  if (values.name === '') problem('name', 'nameMissing');
  else withinLength('name', values.name);

  for (const field of ROSTER_FIELDS) {
    const raw = text(field);
    if (field === 'name' || raw === '') continue;
    switch (field) {
      case 'gender': {
        const g = parseGender(raw);
        if (g) values.gender = g;
        else problem(field, 'genderBad', { value: raw });
        break;
      }
      case 'birthDate':
      case 'joinedOn': {
        const d = parseRosterDate(cell(field), today);
        if (d.ok) values[field] = d.date;
        else problem(field, DATE_PROBLEM_KEYS[d.problem], { value: raw });
        break;
      }
      case 'status': {
        const s = parseStatus(raw);
        if (s) values.status = s;
        else problem(field, 'statusBad', { value: raw });
        break;
      }
      case 'roleTitle': {
        const title = normalizeText(raw);
        const role = roleFromTitle(title);
        if (!role) problem(field, 'roleUnknown', { value: raw });
        else if (withinLength('roleTitle', title)) {
          values.role = role;
          values.roleTitle = title;
        }
        break;
      }
      case 'isMobile': {
        const flag = parseYesNo(raw);
        if (flag === undefined) problem(field, 'yesNoBad', { value: raw });
        else values.isMobile = flag;
        break;
      }
      case 'phone':
      case 'worksIn':
      case 'cardCode': {
        const v = normalizeText(raw);
        if (withinLength(field, v)) values[field] = v;
        break;
      }
    }
  }
  if (values.birthDate && values.joinedOn && values.joinedOn < values.birthDate) {
    problem('joinedOn', 'joinedBeforeBirth', { joined: values.joinedOn, birth: values.birthDate });
  }
  return { values, problems };
}
