import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHandlerStation, type HandlerStation } from '../../test/helpers/handler-station.js';
import type { Db } from '../db/open.js';
import { findMember } from '../attendance/member-lookup.js';
import { verifyChain } from '../evidence/verify.js';
import { createCheckinHandlers } from './handlers-checkin.js';

let station: HandlerStation;
let db: Db;
let handlers: ReturnType<typeof createCheckinHandlers>;
let grant: string;

beforeEach(() => {
  station = openHandlerStation();
  db = station.db;
  // The WAL keeps every commit of the test (no checkpoint restarts it), so commits can be counted.
  db.pragma('wal_autocheckpoint = 0');
  handlers = createCheckinHandlers(station.ctx);
  grant = station.grant('organizer');
});
afterEach(() => station.cleanup());

/**
 * Commits in the WAL file: frames whose header carries the database size (only a transaction's
 * last frame does) and the WAL header's salts (older frames of a restarted WAL do not).
 */
function walCommits(): number {
  const wal = fs.readFileSync(`${db.name}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salt = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salt[0] || wal.readUInt32BE(at + 12) !== salt[1]) break;
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  return commits;
}

/** The check-in handlers answer synchronously (the ✓ follows the commit, nothing is awaited). */
function answer<T>(value: T | Promise<T>): T {
  if (value instanceof Promise) throw new Error('expected a synchronous answer');
  return value;
}

const count = (table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('a check-in through the kiosk API', () => {
  it('is one commit: the record, its chain link and the clock mark go to disk together', () => {
    const s = answer(
      handlers.startCheckinSession({ grant, kind: 'collective', title: '集中学习' }),
    );
    const before = walCommits();
    const zhang = findMember(db, '张国庆');
    const done = answer(handlers.checkinMember({ grant, sessionId: s.id, memberId: zhang.id }));
    expect(done.member.name).toBe('张国庆');
    expect(walCommits()).toBe(before + 1);
    expect(verifyChain(db)).toMatchObject({ ok: true, records: 1 });
    // A refusal writes nothing at all.
    expect(() => handlers.checkinMember({ grant, sessionId: s.id, memberId: zhang.id })).toThrow(
      expect.objectContaining({ key: 'checkinTwice' }),
    );
    expect(walCommits()).toBe(before + 1);
  });

  it('leaves no attendance row when its chain link cannot be written, and counts stay right', () => {
    const s = answer(
      handlers.startCheckinSession({ grant, kind: 'collective', title: '集中学习' }),
    );
    const zhang = findMember(db, '张国庆');
    const li = findMember(db, '李秀英');
    const first = answer(handlers.checkinMember({ grant, sessionId: s.id, memberId: li.id }));
    expect(first.counts.present).toBe(1);
    const highWater = db.prepare('SELECT high_water_at FROM clock_state').pluck().get();

    // The disk refuses the link (full, read-only, a fault): the record must not stay behind.
    db.exec(`CREATE TRIGGER refuse_link BEFORE INSERT ON evidence_chain
             BEGIN SELECT RAISE(ABORT, 'link refused'); END`);
    expect(() => handlers.checkinMember({ grant, sessionId: s.id, memberId: zhang.id })).toThrow(
      'link refused',
    );
    expect(count('attendance_records')).toBe(1);
    expect(count('evidence_chain')).toBe(1);
    expect(db.prepare('SELECT high_water_at FROM clock_state').pluck().get()).toBe(highWater);

    // Once the fault clears the same member checks in (the refused attempt left nothing to
    // collide with) and the counts, kept between calls, never saw the rolled-back record.
    db.exec('DROP TRIGGER refuse_link');
    const again = answer(handlers.checkinMember({ grant, sessionId: s.id, memberId: zhang.id }));
    expect(again.counts).toMatchObject({ present: 2 });
    expect(count('attendance_records')).toBe(2);
    expect(verifyChain(db)).toMatchObject({ ok: true, records: 2 });
  });

  it('still refuses before writing: an ended session, an unknown card, a member who left', () => {
    const s = answer(
      handlers.startCheckinSession({ grant, kind: 'collective', title: '集中学习' }),
    );
    const zhang = findMember(db, '张国庆');
    expect(() => handlers.checkinMember({ grant, sessionId: s.id, code: 'NO-SUCH-CARD' })).toThrow(
      expect.objectContaining({ key: 'cardNotFound' }),
    );
    db.prepare("UPDATE members SET state = 'left' WHERE id = ?").run(zhang.id);
    expect(() => handlers.checkinMember({ grant, sessionId: s.id, memberId: zhang.id })).toThrow(
      expect.objectContaining({ key: 'memberInactive' }),
    );
    db.prepare('UPDATE study_sessions SET ended_at = ? WHERE id = ?').run(
      new Date().toISOString(),
      s.id,
    );
    const li = findMember(db, '李秀英');
    expect(() => handlers.checkinMember({ grant, sessionId: s.id, memberId: li.id })).toThrow(
      expect.objectContaining({ key: 'checkinSessionEnded' }),
    );
    expect(() =>
      handlers.checkinMember({ grant: 'stale', sessionId: s.id, memberId: li.id }),
    ).toThrow(expect.objectContaining({ key: 'grantInvalid' }));
    expect(count('attendance_records')).toBe(0);
  });
});
