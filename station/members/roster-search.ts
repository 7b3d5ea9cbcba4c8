import type { Db } from '../db/open.js';
import { listActiveMembers } from './repository.js';
import { MemberSearchIndex } from './search-index.js';

/**
 * The search index of the active roster, rebuilt only when the roster changes. A change made by
 * another process (a `station members import` while the kiosk runs) is seen through a cheap
 * signature of the members table; changes made here call `invalidate()` as well, because two
 * edits in the same millisecond would leave the signature unchanged.
 */
export class RosterSearch {
  private signature = '';
  private index: MemberSearchIndex | null = null;
  // Pinyin per name survives rebuilds: a roster change re-converts only names not seen before.
  private readonly syllableCache = new Map<string, string[][]>();
  private readonly signatureQuery;

  constructor(private readonly db: Db) {
    // Two subqueries, so SQLite answers each from an index end (µs) instead of scanning the
    // table on every keystroke. Members are never deleted: a new one raises max(id), a change
    // raises max(updated_at).
    this.signatureQuery = db.prepare(
      `SELECT (SELECT max(id) FROM members) AS maxId,
              (SELECT max(updated_at) FROM members) AS changed`,
    );
  }

  invalidate(): void {
    this.signature = '';
  }

  current(): MemberSearchIndex {
    const row = this.signatureQuery.get() as { maxId: number | null; changed: string | null };
    const signature = `${row.maxId}:${row.changed}`;
    if (!this.index || signature !== this.signature) {
      this.index = new MemberSearchIndex(
        listActiveMembers(this.db).map((m) => ({
          id: m.id,
          name: m.name,
          role: m.role,
          roleTitle: m.roleTitle,
        })),
        this.syllableCache,
      );
      this.signature = signature;
    }
    return this.index;
  }
}
