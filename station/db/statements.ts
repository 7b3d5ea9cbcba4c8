import type Database from 'better-sqlite3';
import type { Db } from './open.js';

/**
 * Prepared statements kept per connection, by SQL text. Compiling a statement costs more than
 * running it; a check-in runs a dozen, so preparing each on every call was a large part of its
 * time. SQLite re-prepares a cached statement by itself after a schema change (a migration).
 *
 * Only for statements run to completion (`get`, `all`, `run`): never `iterate` one (a second
 * caller would find it busy), and never switch its mode (`pluck`, `raw`, `expand`), because
 * every caller with the same text shares it.
 */
type Statement = Database.Statement<unknown[]>;

const byConnection = new WeakMap<Db, Map<string, Statement>>();

export function cachedStatement(db: Db, sql: string): Statement {
  let statements = byConnection.get(db);
  if (!statements) {
    statements = new Map();
    byConnection.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

type Body = (...args: never[]) => unknown;
const transactionsByConnection = new WeakMap<Db, Map<Body, Database.Transaction<Body>>>();

/**
 * `db.transaction(body)` made once per connection and body, not on every call (better-sqlite3
 * builds four wrapper functions each time). `body` must take everything it needs as arguments
 * (a module-level function), since one wrapper serves every caller.
 */
export function cachedTransaction<F extends Body>(db: Db, body: F): Database.Transaction<F> {
  let transactions = transactionsByConnection.get(db);
  if (!transactions) {
    transactions = new Map();
    transactionsByConnection.set(db, transactions);
  }
  let transaction = transactions.get(body);
  if (!transaction) {
    transaction = db.transaction(body);
    transactions.set(body, transaction);
  }
  return transaction as Database.Transaction<F>;
}
