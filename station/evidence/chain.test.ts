import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { openDatabase, type Db } from '../db/open.js';
import { migrate } from '../db/migrate.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { appendPlay } from '../playback/play-log.js';
import { checkIn, correctAttendance, startSession } from '../attendance/sessions.js';
import { canonicalForm, chainHash, GENESIS_HASH } from './canonical.js';
import { chainHead } from './chain.js';
import { verifyChain } from './verify.js';

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
const now = new Date('2026-11-14T01:00:00Z');
beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(path.join(tmp.dir, 'station.db'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function addMember(name: string): number {
  return Number(
    db.prepare(`INSERT INTO members (name, created_at, updated_at) VALUES (?, 'x', 'x')`).run(name)
      .lastInsertRowid,
  );
}
const member = (id: number, name: string) => ({
  id,
  name,
  role: 'member' as const,
  state: 'active' as const,
});

describe('the evidence chain', () => {
  it('migration 4 chains the records already there in id order, and new ones follow', () => {
    migrate(db, MIGRATIONS, 3);
    const m = addMember('张国庆');
    db.prepare(
      `INSERT INTO study_sessions (kind, title, started_at, started_by, created_at)
       VALUES ('collective', '学习', ?, 'test', ?)`,
    ).run(now.toISOString(), now.toISOString());
    db.prepare(
      `INSERT INTO attendance_records (session_id, member_id, kind, at, recorded_by, recorded_at)
       VALUES (1, ?, 'check-in', ?, 'test', ?)`,
    ).run(m, now.toISOString(), now.toISOString());
    migrate(db);
    expect(chainHead(db).seq).toBe(1);
    const row = db.prepare('SELECT * FROM attendance_records WHERE id = 1').get() as Record<
      string,
      unknown
    >;
    expect(chainHead(db).hash).toBe(
      chainHash(GENESIS_HASH, canonicalForm('attendance_records', row)),
    );

    correctAttendance(
      db,
      { sessionId: 1, member: member(m, '张国庆'), credit: 2, reason: '补录', by: 'test' },
      now,
    );
    appendPlay(
      db,
      {
        courseId: 'c1',
        filePath: 'c1/v.mp4',
        fileSha256: 'a'.repeat(64),
        sessionId: 1,
        startedAt: now,
        endedAt: now,
        watched: [[0, 60]],
      },
      now,
    );
    const result = verifyChain(db);
    expect(result).toMatchObject({ ok: true, records: 3, head: { seq: 3 }, first: null });
    expect(
      db.prepare('SELECT record_table FROM evidence_chain ORDER BY seq').pluck().all(),
    ).toEqual(['attendance_records', 'attendance_records', 'play_log']);
  });

  it('a refused insert leaves no link behind (the record and its link share a transaction)', () => {
    migrate(db);
    const m = addMember('李秀英');
    const s = startSession(db, { kind: 'collective', title: '学习', at: now, by: 't' }, now);
    checkIn(db, s.id, member(m, '李秀英'), now, 't', now);
    expect(() => checkIn(db, s.id, member(m, '李秀英'), now, 't', now)).toThrow();
    expect(verifyChain(db)).toMatchObject({ ok: true, records: 1 });
  });
});
