import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { migrate } from './migrate.js';
import { openDatabase, type Db } from './open.js';
import { cachedStatement } from './statements.js';
import { getSetting, writeSetting } from '../settings/store.js';

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
let other: Db;
beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(path.join(tmp.dir, 'station.db'));
  migrate(db);
  other = openDatabase(path.join(tmp.dir, 'station.db'));
});
afterEach(() => {
  other.close();
  db.close();
  tmp.cleanup();
});

describe('statements cached per connection', () => {
  it('prepares a text once per connection, never sharing one across connections', () => {
    const sql = 'SELECT count(*) AS n FROM members';
    expect(cachedStatement(db, sql)).toBe(cachedStatement(db, sql));
    expect(cachedStatement(other, sql)).not.toBe(cachedStatement(db, sql));
  });

  it('sees a schema change made after it was prepared', () => {
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT');
    const all = () => cachedStatement(db, 'SELECT * FROM notes').all();
    db.exec('INSERT INTO notes (id) VALUES (1)');
    expect(all()).toEqual([{ id: 1 }]);
    other.exec("ALTER TABLE notes ADD COLUMN text TEXT NOT NULL DEFAULT '备注'");
    expect(all()).toEqual([{ id: 1, text: '备注' }]);
  });

  it('stays usable after a statement failed', () => {
    const insert = () =>
      cachedStatement(db, 'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(
        'k',
        '1',
        'x',
      );
    insert();
    expect(insert).toThrow(/UNIQUE/);
    db.exec("DELETE FROM settings WHERE key = 'k'");
    expect(insert().changes).toBe(1);
  });
});

describe('one setting read by key', () => {
  it('sees a value another connection wrote at once', () => {
    expect(getSetting(db, 'checkin.lateGraceMinutes')).toBeTypeOf('number');
    writeSetting(other, 'checkin.lateGraceMinutes', 25, new Date());
    expect(getSetting(db, 'checkin.lateGraceMinutes')).toBe(25);
    writeSetting(other, 'timeZone', 'Asia/Urumqi', new Date());
    expect(getSetting(db, 'timeZone')).toBe('Asia/Urumqi');
  });

  it('falls back to the default for a stored value that no longer fits', () => {
    const fallback = getSetting(db, 'checkin.lateGraceMinutes');
    other
      .prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, 'x')")
      .run('checkin.lateGraceMinutes', '"a lot"');
    expect(getSetting(db, 'checkin.lateGraceMinutes')).toBe(fallback);
  });
});
