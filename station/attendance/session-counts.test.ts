import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../../test/helpers/attendance-fixture.js';
import { openDatabase, type Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { lateAfter, sessionCounts } from './checkin-view.js';
import {
  checkIn,
  checkOut,
  correctAttendance,
  getSession,
  recordExcused,
  startSession,
} from './sessions.js';
import { SessionCounter } from './session-counts.js';

const START = new Date('2026-11-14T09:00:00+08:00');
const minutes = (n: number) => new Date(START.getTime() + n * 60_000);

let f: Fixture;
let other: Db;
beforeEach(() => {
  f = makeFixture();
  // A second connection to the same file: the CLI (`station checkin`) writing beside the kiosk.
  other = openDatabase(f.db.name);
});
afterEach(() => {
  other.close();
  f.cleanup();
});

/** A small deterministic generator, so a failing sequence can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Runs one write; a refusal (checked in twice, not checked in …) is part of the game. */
function attempt(write: () => unknown): void {
  try {
    write();
  } catch (err) {
    if (!(err instanceof StationFailure)) throw err;
  }
}

describe('the check-in header counts kept by SessionCounter', () => {
  it('match the SQL aggregate after every write of a random session, from either connection', () => {
    const members = Array.from({ length: 14 }, (_, i) => f.member(`党员${i}`));
    const s = startSession(f.db, { kind: 'collective', title: '学习', at: START, by: 't' }, START);
    const otherSession = startSession(
      f.db,
      { kind: 'meeting', title: '支委会', at: START, by: 't' },
      START,
    );
    const counter = new SessionCounter(f.db);
    const lateFrom = lateAfter(getSession(f.db, s.id), 10);
    const next = random(20261114);
    const pick = () => members[Math.floor(next() * members.length)]!;
    const ops: string[] = [];
    for (let step = 0; step < 400; step++) {
      const m = pick();
      const db = next() < 0.3 ? other : f.db;
      const sessionId = next() < 0.15 ? otherSession.id : s.id;
      const at = minutes(Math.floor(next() * 30)); // either side of the 10-minute grace
      const roll = next();
      if (roll < 0.4) {
        ops.push(`in ${m.id}`);
        attempt(() => checkIn(db, sessionId, m, at, 't', at));
      } else if (roll < 0.55) {
        ops.push(`out ${m.id}`);
        attempt(() => checkOut(db, sessionId, m, minutes(120), 't', at));
      } else if (roll < 0.7) {
        ops.push(`excused ${m.id}`);
        attempt(() => recordExcused(db, sessionId, m, '外出务工', 't', at));
      } else if (roll < 0.8) {
        ops.push(`correct ${m.id}`);
        attempt(() =>
          correctAttendance(
            db,
            { sessionId, member: m, checkIn: minutes(1), reason: '补录', by: 't' },
            at,
          ),
        );
      } else if (roll < 0.9) {
        // Leaving the roster (or coming back) changes who is absent without a record.
        const state = next() < 0.5 ? 'left' : next() < 0.5 ? 'transferred' : 'active';
        ops.push(`${state} ${m.id}`);
        db.prepare('UPDATE members SET state = ?, updated_at = ? WHERE id = ?').run(
          state,
          at.toISOString(),
          m.id,
        );
        m.state = state;
      } else {
        ops.push('look');
      }
      const roster = (
        f.db.prepare("SELECT count(*) AS n FROM members WHERE state = 'active'").get() as {
          n: number;
        }
      ).n;
      // Not every write is followed by a look, so the counter also folds several at once.
      if (next() < 0.6) {
        expect(counter.counts(s.id, lateFrom, roster), ops.join(', ')).toEqual(
          sessionCounts(f.db, s.id, lateFrom, roster),
        );
      }
    }
    const final = sessionCounts(f.db, s.id, lateFrom, members.length);
    expect(final.present + final.left).toBeGreaterThan(3); // the game did play
    expect(final.late).toBeGreaterThan(0);
  });

  it('starts over when the grace period (and so who was late) changes', () => {
    const a = f.member('张国庆');
    const b = f.member('李秀英');
    const s = startSession(f.db, { kind: 'collective', title: '学习', at: START, by: 't' }, START);
    checkIn(f.db, s.id, a, minutes(5), 't', minutes(5));
    checkIn(f.db, s.id, b, minutes(20), 't', minutes(20));
    const counter = new SessionCounter(f.db);
    expect(counter.counts(s.id, minutes(10), 2).late).toBe(1);
    expect(counter.counts(s.id, minutes(2), 2).late).toBe(2);
    expect(counter.counts(s.id, minutes(30), 2)).toEqual(sessionCounts(f.db, s.id, minutes(30), 2));
  });

  it('can forget a tally that folded a record its transaction then rolled back', () => {
    const a = f.member('张国庆');
    const b = f.member('李秀英');
    const s = startSession(f.db, { kind: 'collective', title: '学习', at: START, by: 't' }, START);
    const counter = new SessionCounter(f.db);
    // The check-in handler reads the counts inside its transaction, before COMMIT.
    expect(() =>
      f.db.transaction(() => {
        checkIn(f.db, s.id, a, minutes(5), 't', minutes(5));
        expect(counter.counts(s.id, minutes(10), 2).present).toBe(1);
        throw new Error('COMMIT failed');
      })(),
    ).toThrow('COMMIT failed');
    counter.forget(s.id);
    // The next record takes the rolled-back record's id.
    recordExcused(f.db, s.id, b, '外出务工', 't', minutes(6));
    expect(counter.counts(s.id, minutes(10), 2)).toEqual(sessionCounts(f.db, s.id, minutes(10), 2));
    expect(counter.counts(s.id, minutes(10), 2)).toMatchObject({ present: 0, excused: 1 });
  });

  it('keeps several sessions apart and forgets the oldest beyond a few', () => {
    const members = Array.from({ length: 8 }, (_, i) => f.member(`党员${i}`));
    const counter = new SessionCounter(f.db);
    const sessions = members.map((_, i) =>
      startSession(f.db, { kind: 'collective', title: `学习${i}`, at: START, by: 't' }, START),
    );
    for (let round = 0; round < 2; round++) {
      sessions.forEach((s, i) => {
        checkIn(f.db, s.id, members[(i + round) % members.length]!, START, 't', START);
        expect(counter.counts(s.id, minutes(10), 8)).toEqual(
          sessionCounts(f.db, s.id, minutes(10), 8),
        );
      });
    }
    expect(counter.counts(sessions[0]!.id, minutes(10), 8)).toMatchObject({
      present: 2,
      absent: 6,
    });
  });
});
