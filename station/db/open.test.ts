import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, sha256File } from '../../test/helpers/temp-dir.js';
import { StationFailure } from '../errors.js';
import { openDatabase } from './open.js';
import { migrate } from './migrate.js';
import { LATEST_VERSION } from './migrations/index.js';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'station.db');
});
afterEach(() => tmp.cleanup());

function failureOf(fn: () => unknown): StationFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof StationFailure) return err;
    throw err;
  }
  throw new Error('expected a StationFailure');
}

describe('opening a database file that is not ours', () => {
  it.each([
    ['a JPEG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 7)])],
    ['a text file', Buffer.from('姓名,性别\n张三,男\n'.repeat(50))],
    ['ten bytes', Buffer.from('0123456789')],
  ])('refuses %s by name and leaves it untouched', (_label, bytes) => {
    fs.writeFileSync(file, bytes);
    const before = sha256File(file);
    const f = failureOf(() => openDatabase(file));
    expect(f.key).toBe('dbNotSqlite');
    expect(f.params.file).toBe(file);
    expect(sha256File(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it("refuses another program's SQLite database untouched", () => {
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    other.pragma('user_version = 3');
    other.close();
    const before = sha256File(file);
    expect(failureOf(() => openDatabase(file)).key).toBe('dbForeign');
    expect(sha256File(file)).toBe(before);
  });

  it('refuses a database from a newer Study Station', () => {
    const db = openDatabase(file);
    migrate(db);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    const before = sha256File(file);
    const f = failureOf(() => openDatabase(file));
    expect(f.key).toBe('dbTooNew');
    expect(f.params.found).toBe(LATEST_VERSION + 5);
    expect(sha256File(file)).toBe(before);
  });

  it('refuses a database whose schema pages were overwritten, untouched', () => {
    const db = openDatabase(file);
    migrate(db);
    db.close();
    // Keep the 100-byte header, smash the rest of page 1 (the schema catalogue).
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 100);
    fs.closeSync(fd);
    const before = sha256File(file);
    const f = failureOf(() => openDatabase(file));
    expect(['dbCorrupt', 'dbForeign']).toContain(f.key);
    expect(f.params.file).toBe(file);
    expect(sha256File(file)).toBe(before);
  });

  it('accepts an empty file as a new database', () => {
    fs.writeFileSync(file, '');
    const db = openDatabase(file);
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.close();
  });
});
