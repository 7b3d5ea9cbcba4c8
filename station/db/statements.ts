import type Database from 'better-sqlite3';
import type { Db } from './open.js';

/** A per-connection cache: `make(key)` runs once per connection and key. */
function perConnection<K, V>(make: (db: Db, key: K) => V): (db: Db, key: K) => V {
  const byConnection = new WeakMap<Db, Map<K, V>>();
  return (db, key) => {
    let values = byConnection.get(db);
    if (!values) {
      values = new Map();
      byConnection.set(db, values);
    }
    let value = values.get(key);
    if (value === undefined) {
      value = make(db, key);
      values.set(key, value);
    }
    return value;
  };
}

/**
 * Prepared statements kept per connection, by SQL text. Compiling a statement costs more than
 * running it; a check-in runs a dozen, so preparing each on every call was a large part of its
 * time. SQLite re-prepares a cached statement by itself after a schema change (a migration).
 *
 * Only for statements run to completion (`get`, `all`, `run`): never `iterate` one (a second
 * caller would find it busy), and never switch its mode (`pluck`, `raw`, `expand`), because
 * every caller with the same text shares it.
 */
export const cachedStatement: (db: Db, sql: string) => Database.Statement<unknown[]> =
  perConnection((db, sql: string) => db.prepare(sql));

type Body = (...args: never[]) => unknown;
const transactionOf = perConnection((db, body: Body) => db.transaction(body));

/**
 * `db.transaction(body)` made once per connection and body, not on every call (better-sqlite3
 * builds four wrapper functions each time). `body` must take everything it needs as arguments
 * (a module-level function), since one wrapper serves every caller.
 */
export function cachedTransaction<F extends Body>(db: Db, body: F): Database.Transaction<F> {
  return transactionOf(db, body) as Database.Transaction<F>;
}
