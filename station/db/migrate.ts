import type { Db } from './open.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to `target` (default: the latest). Each step is one transaction that also
 * sets user_version, so a crash mid-way leaves the file at the previous version, never between.
 */
export function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
  target = migrations.length,
): number {
  let version = schemaVersion(db);
  for (const m of migrations) {
    if (m.version <= version || m.version > target) continue;
    if (m.version !== version + 1) {
      throw new Error(`migration ${m.version} (${m.name}) cannot follow schema version ${version}`);
    }
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    version = m.version;
  }
  return version;
}
