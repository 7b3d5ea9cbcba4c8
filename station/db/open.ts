import fs from 'node:fs';
import Database from 'better-sqlite3';
import { StationFailure } from '../errors.js';
import { LATEST_VERSION } from './migrations/index.js';

export type Db = Database.Database;

/** 'STST' — marks a SQLite file as ours, so a foreign database is refused rather than altered. */
export const APPLICATION_ID = 0x53545354;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Checks an existing file without writing a byte: a wrong header, another program's schema, a
 * newer schema or an unreadable catalogue each become a clear failure naming the file.
 */
export function inspectDatabaseFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  let header: Buffer;
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
    header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (size === 0) return; // an empty file is an empty database; migration will fill it
  if (size < 100 || !header.equals(SQLITE_HEADER)) {
    throw new StationFailure('STORAGE', 'dbNotSqlite', { file });
  }
  let ro: Db | undefined;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
    const appId = ro.pragma('application_id', { simple: true }) as number;
    const version = ro.pragma('user_version', { simple: true }) as number;
    const tables = ro
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")
      .get() as { n: number };
    if (appId !== APPLICATION_ID && (version !== 0 || tables.n > 0)) {
      throw new StationFailure('STORAGE', 'dbForeign', { file });
    }
    if (version > LATEST_VERSION) {
      throw new StationFailure('STORAGE', 'dbTooNew', {
        file,
        found: version,
        supported: LATEST_VERSION,
      });
    }
  } catch (err) {
    if (err instanceof StationFailure) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new StationFailure('STORAGE', 'dbCorrupt', { file, detail });
  } finally {
    ro?.close();
  }
}

/**
 * Opens the station database for writing. WAL lets the UI read while a check-in writes;
 * synchronous=FULL because terminals lose power often and an acknowledged record must survive it.
 */
export function openDatabase(file: string): Db {
  if (fs.existsSync(file)) inspectDatabaseFile(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    db.close();
    const detail = err instanceof Error ? err.message : String(err);
    throw new StationFailure('STORAGE', 'dbCorrupt', { file, detail });
  }
  return db;
}

/** Flushes the WAL into the main file so a copy of station.db alone is complete. */
export function checkpointAndClose(db: Db): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
