import { cellText, type CellValue, type TableRow } from './table.js';

/** The member fields a roster column can fill. */
export const ROSTER_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'joinedOn',
  'status',
  'roleTitle',
  'phone',
  'isMobile',
  'worksIn',
  'cardCode',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** The Chinese header the template writes for each field, and the name used for a missing column. */
export const CHINESE_HEADERS: Record<RosterField, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  joinedOn: '入党日期',
  status: '类别',
  roleTitle: '职务',
  phone: '联系电话',
  isMobile: '流动党员',
  worksIn: '务工地',
  cardCode: '卡号',
};

/**
 * Header spellings seen in village rosters, in normalised form (see `normalizeHeader`). "mobile"
 * alone means the mobile-member flag (流动党员); a phone column says "phone".
 */
const ALIASES: Record<RosterField, string[]> = {
  name: ['姓名', '党员姓名', '名字', 'name', 'fullname', 'membername'],
  gender: ['性别', 'gender', 'sex'],
  birthDate: [
    '出生日期',
    '出生年月',
    '出生年月日',
    '出生时间',
    '生日',
    'birthdate',
    'dateofbirth',
    'dob',
    'born',
  ],
  joinedOn: [
    '入党日期',
    '入党时间',
    '入党年月',
    '入党年月日',
    'joined',
    'joinedon',
    'joindate',
    'datejoined',
    'joinedparty',
  ],
  status: [
    '类别',
    '党员类别',
    '人员类别',
    '党员状态',
    '党籍状态',
    'status',
    'category',
    'memberstatus',
  ],
  roleTitle: ['职务', '党内职务', '支部职务', 'role', 'post', 'title', 'position'],
  phone: [
    '联系电话',
    '电话',
    '电话号码',
    '手机',
    '手机号',
    '手机号码',
    '联系方式',
    'phone',
    'phonenumber',
    'mobilephone',
    'tel',
    'telephone',
  ],
  isMobile: ['流动党员', '是否流动党员', 'mobile', 'mobilemember', 'ismobile'],
  worksIn: [
    '务工地',
    '流入地',
    '务工地点',
    '外出务工地',
    '工作地',
    '流动去向',
    'worksin',
    'workplace',
    'worksat',
    'workingin',
  ],
  cardCode: [
    '卡号',
    '签到卡号',
    '卡号/二维码',
    '二维码',
    '卡',
    'card',
    'cardcode',
    'cardno',
    'cardnumber',
    'qrcode',
    'code',
  ],
};

const BY_ALIAS = new Map<string, RosterField>(
  ROSTER_FIELDS.flatMap((f) => ALIASES[f].map((a) => [a, f] as const)),
);

/**
 * A header as typed by hand → a comparable key: full-width letters and punctuation folded
 * (NFKC), spaces of every width removed, case folded, and decorations people add dropped — a
 * required-field star, a trailing colon, a hint in brackets such as 出生日期（年-月-日）.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[([【][^)\]】]*[)\]】]/g, '')
    .replace(/[\s_\-.·*:：]/g, '')
    .toLowerCase();
}

export function fieldForHeader(text: string): RosterField | null {
  return BY_ALIAS.get(normalizeHeader(text)) ?? null;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface MappedColumn {
  index: number;
  /** The header as the file writes it, shown back to people in problems. */
  header: string;
}

export interface HeaderProblem {
  kind: 'duplicate';
  field: RosterField;
  header: string;
  first: string; // column letters
  second: string;
}

export interface HeaderMapping {
  columns: Partial<Record<RosterField, MappedColumn>>;
  unknown: string[];
  problems: HeaderProblem[];
}

/** Row numbers a roster carries for reading it on paper; ignoring them is not worth a warning. */
const ROW_NUMBER_HEADERS = new Set(['序号', '序', 'no', 'nr', '#', '行号']);

export function mapHeaderCells(cells: CellValue[]): HeaderMapping {
  const columns: Partial<Record<RosterField, MappedColumn>> = {};
  const unknown: string[] = [];
  const problems: HeaderProblem[] = [];
  cells.forEach((cell, index) => {
    const header = cellText(cell);
    if (header === '') return;
    const field = fieldForHeader(header);
    if (!field) {
      if (!ROW_NUMBER_HEADERS.has(normalizeHeader(header))) unknown.push(header);
      return;
    }
    const seen = columns[field];
    if (seen) {
      problems.push({
        kind: 'duplicate',
        field,
        header,
        first: columnLetter(seen.index),
        second: columnLetter(index),
      });
      return;
    }
    columns[field] = { index, header };
  });
  return { columns, unknown, problems };
}

/** Rosters often open with a title row (e.g. 向阳村党员名册); the header is the first row naming 姓名. */
const HEADER_SEARCH_ROWS = 10;

export function findHeaderRow(rows: TableRow[]): TableRow | null {
  for (const r of rows.slice(0, HEADER_SEARCH_ROWS)) {
    if (r.cells.some((c) => fieldForHeader(cellText(c)) === 'name')) return r;
  }
  return null;
}
