/**
 * Folding health snapshots into coarser ones (raw → hourly → daily) so months of history fit in
 * a few MB. Pure: rows in, rows out. For each item the folded row keeps the worst grade seen in
 * the bucket and the reading that came with it — the county wants to see that the disk was
 * nearly full on Tuesday, not an average that hides it.
 */
import type { Grade } from '../../common/contract.js';
import { worse, worstOf } from './health-grading.js';

export type CompactItem = [id: string, value: string | number | null, grade: Grade];

export interface HistoryRow {
  takenAt: string;
  samples: number;
  items: CompactItem[];
  timeQuality: 'trusted' | 'untrusted';
}

/** Merges rows of one bucket into one row stamped `bucketStart`. */
export function foldRows(rows: readonly HistoryRow[], bucketStart: string): HistoryRow {
  const byId = new Map<string, CompactItem>();
  let samples = 0;
  let untrusted = false;
  for (const row of rows) {
    samples += row.samples;
    untrusted ||= row.timeQuality === 'untrusted';
    for (const item of row.items) {
      const seen = byId.get(item[0]);
      // Later readings replace earlier ones of the same grade; a worse grade always wins.
      if (!seen || worse(seen[2], item[2]) === item[2]) byId.set(item[0], [...item]);
    }
  }
  return {
    takenAt: bucketStart,
    samples,
    items: [...byId.values()],
    timeQuality: untrusted ? 'untrusted' : 'trusted',
  };
}

export function worstGrade(items: readonly CompactItem[]): Grade {
  return worstOf(items.map((i) => i[2]));
}

/** Groups rows by a bucket key (rows must be in time order); returns [key, rows] in order. */
export function bucketRows<R>(rows: readonly R[], keyOf: (row: R) => string): [string, R[]][] {
  const out = new Map<string, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return [...out.entries()];
}
