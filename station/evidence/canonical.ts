import crypto from 'node:crypto';

/**
 * The records the evidence chain covers, and the exact fields of each that go into a record's
 * canonical form. The lists are fixed here (not `SELECT *`), so a column a later migration adds
 * cannot change the hash of a record written before it; such a column joins the chain with a new
 * canonical version.
 */
export const CHAINED_FIELDS = {
  attendance_records: [
    'id',
    'session_id',
    'member_id',
    'kind',
    'at',
    'reason',
    'corrects_id',
    'field',
    'credit_override',
    'recorded_by',
    'recorded_at',
    'time_quality',
  ],
  play_log: [
    'id',
    'course_id',
    'file_path',
    'file_sha256',
    'session_id',
    'makeup_id',
    'started_at',
    'ended_at',
    'watched',
    'watched_seconds',
    'time_quality',
    'recorded_at',
  ],
} as const;

export type ChainedTable = keyof typeof CHAINED_FIELDS;
export const CHAINED_TABLES = Object.keys(CHAINED_FIELDS) as ChainedTable[];

export function isChainedTable(value: string): value is ChainedTable {
  return Object.hasOwn(CHAINED_FIELDS, value);
}

export type RecordValue = string | number | null;

/** The hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);
export const CANONICAL_VERSION = 1;

/**
 * The canonical form: JSON of [version, table, every field in the fixed order]. JSON gives one
 * spelling per value (numbers, escaped text, null), which a county tool in any language can
 * reproduce.
 */
export function canonicalForm(table: ChainedTable, row: Record<string, unknown>): string {
  const values = CHAINED_FIELDS[table].map((f) => {
    const v = row[f];
    if (v === undefined) throw new Error(`record of ${table} lacks ${f}`);
    return v as RecordValue;
  });
  return JSON.stringify([CANONICAL_VERSION, table, ...values]);
}

/** SHA-256 (hex) of the previous hash, a newline and the canonical form. */
export function chainHash(prevHash: string, canonical: string): string {
  return crypto.createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}

/** SELECT list reading a record's chained fields by name. */
export function selectFields(table: ChainedTable): string {
  return CHAINED_FIELDS[table].join(', ');
}
