import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/helpers/temp-dir.js';
import { openDatabase } from '../open.js';
import { migrate } from '../migrate.js';
import { MIGRATIONS } from './index.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => tmp.cleanup());

const VERSION = MIGRATIONS.findIndex((m) => m.name === 'checkin') + 1;

describe('migration checkin (minutes, photos)', () => {
  it('keeps sessions of the version before and attaches minutes and photos to them', () => {
    const db = openDatabase(path.join(tmp.dir, 'station.db'));
    migrate(db, MIGRATIONS, VERSION - 1);
    const now = '2026-11-26T02:00:00.000Z';
    db.prepare(
      `INSERT INTO study_sessions (kind, title, started_at, started_by, created_at)
       VALUES ('meeting', '支委会', ?, 'test', ?)`,
    ).run(now, now);
    expect(migrate(db, MIGRATIONS, VERSION)).toBe(VERSION);
    expect(db.prepare('SELECT title FROM study_sessions').get()).toEqual({ title: '支委会' });

    db.prepare(
      `INSERT INTO session_minutes (session_id, text, written_by, written_at) VALUES (1, '记录', 'k', ?)`,
    ).run(now);
    const photo = db.prepare(
      `INSERT INTO session_photos (session_id, file, mime, bytes, sha256, source, taken_by, taken_at)
       VALUES (?, ?, ?, ?, 'x', ?, 'k', ?)`,
    );
    photo.run(1, 'photos/1/1.jpg', 'image/jpeg', 10, 'camera', now);
    // A photo of no session, of an unknown type, or named twice is refused by the table itself.
    db.pragma('foreign_keys = ON');
    expect(() => photo.run(99, 'photos/99/1.jpg', 'image/jpeg', 10, 'file', now)).toThrow(
      /FOREIGN/,
    );
    expect(() => photo.run(1, 'photos/1/2.gif', 'image/gif', 10, 'file', now)).toThrow(/CHECK/);
    expect(() => photo.run(1, 'photos/1/1.jpg', 'image/jpeg', 10, 'file', now)).toThrow(/UNIQUE/);
    // The roster-changed check reads an index end, not the table.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT max(updated_at) FROM members').all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('members_updated');
    db.close();
  });
});
