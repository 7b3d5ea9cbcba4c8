import type { TextEncoding } from './decode.js';

/** A date a spreadsheet stored as a date cell, already reduced to its calendar day. */
export interface CalendarDate {
  date: string; // YYYY-MM-DD
}

/** One cell as read from the file: CSV gives text; XLSX also gives numbers, booleans and dates. */
export type CellValue = string | number | boolean | CalendarDate | null;

export interface TableRow {
  /** The row number a spreadsheet shows for this row (1-based; the header is usually row 1). */
  row: number;
  cells: CellValue[];
}

/** A roster file reduced to rows of cells, before any meaning is given to the columns. */
export interface RosterTable {
  format: 'csv' | 'xlsx';
  /** For CSV, the encoding it was read in. */
  encoding?: TextEncoding;
  /** For XLSX, the worksheet the roster was taken from. */
  sheet?: string;
  rows: TableRow[];
}

export function isCalendarDate(v: CellValue): v is CalendarDate {
  return typeof v === 'object' && v !== null;
}

/** A cell as the text a person would read in it (numbers without exponent or trailing zeros). */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') {
    return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.date;
}

export function isBlankRow(cells: CellValue[]): boolean {
  return cells.every((c) => cellText(c) === '');
}
