import type { Db } from '../db/open.js';
import {
  CHAINED_TABLES,
  canonicalForm,
  chainHash,
  GENESIS_HASH,
  isChainedTable,
  selectFields,
  type ChainedTable,
} from './canonical.js';
import type { ChainHead } from './chain.js';

export type ChainProblem =
  | { kind: 'altered'; seq: number; table: ChainedTable; id: number }
  | { kind: 'deleted'; seq: number; table: string | null; id: number | null }
  | { kind: 'inserted'; table: ChainedTable; id: number }
  | { kind: 'headMissing'; seq: number; expected: number };

export interface VerifyResult {
  ok: boolean;
  records: number;
  head: ChainHead;
  /** The first problem in chain order (records inserted outside the chain come last). */
  first: ChainProblem | null;
  /** At most `limit` problems, in the same order. */
  problems: ChainProblem[];
}

interface Entry {
  seq: number;
  record_table: string;
  record_id: number;
  hash: string;
}

/**
 * Recomputes the evidence chain from the records as they are now. A record edited afterwards
 * no longer hashes to its link ('altered'); a record removed leaves a link to nothing, or a gap
 * in the sequence when its link went too ('deleted'); a record added behind the station's back
 * has no link ('inserted'). Each link is checked against the stored previous hash, so one
 * edit is reported once, not as every record after it.
 */
export function verifyChain(db: Db, limit = 100): VerifyResult {
  const problems: ChainProblem[] = [];
  const note = (p: ChainProblem) => {
    if (problems.length < limit) problems.push(p);
  };
  const readers = Object.fromEntries(
    CHAINED_TABLES.map((t) => [t, db.prepare(`SELECT ${selectFields(t)} FROM ${t} WHERE id = ?`)]),
  ) as Record<ChainedTable, ReturnType<Db['prepare']>>;

  let prev = GENESIS_HASH;
  let expected = 1;
  let records = 0;
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  const entries = db
    .prepare('SELECT seq, record_table, record_id, hash FROM evidence_chain ORDER BY seq')
    .iterate() as Iterable<Entry>;
  for (const e of entries) {
    records++;
    head = { seq: e.seq, hash: e.hash };
    const gap = e.seq !== expected;
    if (gap) note({ kind: 'deleted', seq: expected, table: null, id: null });
    expected = e.seq + 1;
    const table = e.record_table;
    const row = isChainedTable(table)
      ? (readers[table].get(e.record_id) as Record<string, unknown> | undefined)
      : undefined;
    if (!row || !isChainedTable(table)) {
      note({ kind: 'deleted', seq: e.seq, table, id: e.record_id });
    } else if (!gap && chainHash(prev, canonicalForm(table, row)) !== e.hash) {
      note({ kind: 'altered', seq: e.seq, table, id: e.record_id });
    }
    prev = e.hash;
  }

  // A bundle already handed over names a chain position: the chain may not end before it.
  const exported = db.prepare('SELECT max(to_seq) FROM bundle_exports').pluck().get() as
    number | null;
  if (exported !== null && exported > head.seq) {
    note({ kind: 'headMissing', seq: head.seq, expected: exported });
  }

  for (const table of CHAINED_TABLES) {
    const ids = db
      .prepare(
        `SELECT id FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM evidence_chain c
           WHERE c.record_table = ? AND c.record_id = t.id) ORDER BY id LIMIT ?`,
      )
      .pluck()
      .all(table, limit) as number[];
    for (const id of ids) note({ kind: 'inserted', table, id });
  }

  return { ok: problems.length === 0, records, head, first: problems[0] ?? null, problems };
}
