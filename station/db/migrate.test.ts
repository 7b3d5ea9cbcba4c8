import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { APPLICATION_ID, openDatabase } from './open.js';
import { migrate, schemaVersion } from './migrate.js';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'station.db');
});
afterEach(() => tmp.cleanup());

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(
      Array.from({ length: LATEST_VERSION }, (_, i) => i + 1),
    );
  });

  it('bring a new file to the latest version, marked as ours, in WAL mode', () => {
    const db = openDatabase(file);
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('are idempotent: running again changes nothing', () => {
    const db = openDatabase(file);
    migrate(db);
    db.prepare(
      "INSERT INTO settings (key, value, updated_at) VALUES ('village', '\"向阳村\"', 'x')",
    ).run();
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '"向阳村"' });
    db.close();
  });

  it('a failing migration leaves the previous version and no half-made tables', () => {
    const db = openDatabase(file);
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_made (x INTEGER) STRICT');
        throw new Error('power cut');
      },
    };
    migrate(db);
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('power cut');
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_made'").get(),
    ).toBeUndefined();
    db.close();
  });
});

describe('migration 1 (initial)', () => {
  it('creates STRICT tables that refuse wrong types and bad values', () => {
    const db = openDatabase(file);
    migrate(db, MIGRATIONS, 1);
    const now = '2026-11-26T10:00:00+08:00';
    const insert = db.prepare(
      `INSERT INTO members (name, role, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
    );
    insert.run('张国庆', 'secretary', 'full', now, now);
    expect(() => insert.run('', 'member', 'full', now, now)).toThrow(/CHECK/);
    expect(() => insert.run('李四', 'chairman', 'full', now, now)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO members (name, is_mobile, created_at, updated_at) VALUES ('王五', 'yes', ?, ?)`,
        )
        .run(now, now),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    const card = db.prepare(
      `INSERT INTO members (name, card_code, created_at, updated_at) VALUES (?, 'C1', ?, ?)`,
    );
    card.run('甲', now, now);
    expect(() => card.run('乙', now, now)).toThrow(/UNIQUE/);
    db.close();
  });

  it('is recognised as ours when reopened with a plain SQLite handle', () => {
    const db = openDatabase(file);
    migrate(db);
    db.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const tables = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['members', 'pins', 'settings']));
    raw.close();
  });
});

describe('migration 2 (attendance)', () => {
  it('keeps the members of version 1 and adds an append-only attendance log', () => {
    const db = openDatabase(file);
    migrate(db, MIGRATIONS, 1);
    const now = '2026-11-26T10:00:00+08:00';
    db.prepare(
      `INSERT INTO members (name, role, created_at, updated_at) VALUES ('张国庆', 'secretary', ?, ?)`,
    ).run(now, now);
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    expect(db.prepare('SELECT name FROM members').get()).toEqual({ name: '张国庆' });
    db.prepare(
      `INSERT INTO study_sessions (kind, title, started_at, started_by, created_at)
       VALUES ('collective', '集中学习', ?, 'test', ?)`,
    ).run(now, now);
    const record = db.prepare(
      `INSERT INTO attendance_records (session_id, member_id, kind, at, recorded_by, recorded_at, reason, field)
       VALUES (1, 1, ?, ?, 'test', ?, ?, ?)`,
    );
    record.run('check-in', now, now, null, null);
    expect(() => record.run('check-in', now, now, null, null)).toThrow(/UNIQUE/);
    expect(() => record.run('correction', now, now, null, 'check-in')).toThrow(/CHECK/); // no reason
    expect(() => record.run('correction', now, now, '更正', null)).toThrow(/CHECK/); // no field
    record.run('correction', now, now, '更正', 'check-in');
    expect(() =>
      db
        .prepare(
          `INSERT INTO study_sessions (kind, title, started_at, started_by, created_at)
           VALUES ('party', 'x', ?, 'test', ?)`,
        )
        .run(now, now),
    ).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 10 (content)', () => {
  it('adds the content tables to a version-9 database, with one state row and checked values', () => {
    const db = openDatabase(file);
    migrate(db, MIGRATIONS, 3);
    migrate(db);
    expect(db.prepare('SELECT * FROM content_state').all()).toEqual([
      { id: 1, active_version: null, activated_at: null },
    ]);
    const now = '2026-11-26T10:00:00+08:00';
    const insert = db.prepare(
      `INSERT INTO content_objects (sha256, size, state, updated_at) VALUES (?, ?, ?, ?)`,
    );
    insert.run('a'.repeat(64), 10, 'missing', now);
    expect(() => insert.run('b'.repeat(64), 10, 'half-done', now)).toThrow(/CHECK/);
    expect(() => insert.run('short', 10, 'missing', now)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO content_manifests (version, key_id, manifest, signature, source, accepted_at)
           VALUES (1, 'k', x'00', x'00', 's', ?)`,
        )
        .run(now),
    ).toThrow(/CHECK/);
    db.close();
  });
});
