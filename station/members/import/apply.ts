import type { Db } from '../../db/open.js';
import { zonedParts } from '../../domain/zoned-time.js';
import { getSetting } from '../../settings/store.js';
import { insertMember, listMembers, updateMember } from '../repository.js';
import { parseRoster, type ParsedRoster } from './parse-roster.js';
import { planImport, type ImportPlan } from './plan.js';
import { readRosterTables } from './read-table.js';

export interface ImportOutcome {
  /** True when the roster was written; false for a preview or a refused roster. */
  applied: boolean;
  roster: ParsedRoster;
  plan: ImportPlan;
  /** The ids given to members this import created, by spreadsheet row. */
  createdIds: Map<number, number>;
}

export interface ImportOptions {
  now: Date;
  /** Plan and report only; the database is not written. */
  dryRun: boolean;
  /** Told how many rows are about to be written, inside the transaction (for progress). */
  onWriting?: (rows: number) => void;
}

/**
 * Plans a parsed roster against the members as they are now and, unless it is a preview or
 * there is any problem, writes it: all rows or none, in one transaction that holds the write
 * lock from the first read, so nothing can change the roster between planning and writing.
 * Members absent from the file are left as they are; nothing is ever deleted.
 */
export function applyRoster(db: Db, roster: ParsedRoster, opts: ImportOptions): ImportOutcome {
  const run = db.transaction((): ImportOutcome => {
    const plan = planImport(roster, listMembers(db));
    const createdIds = new Map<number, number>();
    if (opts.dryRun || plan.problems.length > 0) {
      return { applied: false, roster, plan, createdIds };
    }
    opts.onWriting?.(plan.counts.created + plan.counts.updated);
    for (const action of plan.actions) {
      if (action.action === 'create') {
        createdIds.set(action.row, insertMember(db, action.member, opts.now));
      } else if (action.action === 'update') {
        updateMember(db, action.id, action.changes, opts.now);
      }
    }
    return { applied: true, roster, plan, createdIds };
  });
  return opts.dryRun ? run.deferred() : run.immediate();
}

/** Today's date in the station's time zone, which bounds roster dates. */
export function stationToday(db: Db, now: Date): string {
  const p = zonedParts(now, getSetting(db, 'timeZone'));
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A roster file's bytes → preview or import. Files that are not rosters throw a StationFailure. */
export async function importRosterFile(
  db: Db,
  bytes: Uint8Array,
  opts: ImportOptions,
): Promise<ImportOutcome> {
  const tables = await readRosterTables(bytes);
  const roster = parseRoster(tables, stationToday(db, opts.now));
  return applyRoster(db, roster, opts);
}
