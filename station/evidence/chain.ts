import type { Db } from '../db/open.js';
import { cachedStatement } from '../db/statements.js';
import {
  CHAINED_TABLES,
  canonicalForm,
  chainHash,
  GENESIS_HASH,
  selectFields,
  type ChainedTable,
} from './canonical.js';

export interface ChainHead {
  seq: number;
  hash: string;
}

export function chainHead(db: Db): ChainHead {
  const row = cachedStatement(
    db,
    'SELECT seq, hash FROM evidence_chain ORDER BY seq DESC LIMIT 1',
  ).get() as ChainHead | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

function readRecord(db: Db, table: ChainedTable, id: number): Record<string, unknown> {
  const row = cachedStatement(db, `SELECT ${selectFields(table)} FROM ${table} WHERE id = ?`).get(
    id,
  ) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`${table} ${id} does not exist`);
  return row;
}

/**
 * Appends a just-inserted record to the terminal's evidence chain. Call it right after the
 * INSERT, inside the same transaction, so a record and its link are written together or not at
 * all. The record is read back as stored, so the hash covers exactly what is on disk.
 */
export function chainRecord(db: Db, table: ChainedTable, id: number): ChainHead {
  const head = chainHead(db);
  const hash = chainHash(head.hash, canonicalForm(table, readRecord(db, table, id)));
  const seq = head.seq + 1;
  cachedStatement(
    db,
    'INSERT INTO evidence_chain (seq, record_table, record_id, hash) VALUES (?, ?, ?, ?)',
  ).run(seq, table, id, hash);
  return { seq, hash };
}

/** Chains every record not yet in the chain, table by table in id order (the migration's job). */
export function chainExisting(db: Db): number {
  let n = 0;
  for (const table of CHAINED_TABLES) {
    const ids = db
      .prepare(
        `SELECT id FROM ${table} WHERE id NOT IN
           (SELECT record_id FROM evidence_chain WHERE record_table = ?) ORDER BY id`,
      )
      .pluck()
      .all(table) as number[];
    for (const id of ids) {
      chainRecord(db, table, id);
      n++;
    }
  }
  return n;
}
