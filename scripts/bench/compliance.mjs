// The compliance report (station report compliance) for 1,000 members × 5 years of monthly
// sessions, beside the equivalent hand-written SQL aggregate run by the sqlite3 command-line tool
// on the same file in the same run. Both answer the year page for the last of the five years.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { median } from './report.mjs';
import { repoRoot } from '../lib/run.mjs';

const SQLITE3 = '/usr/bin/sqlite3';
const MEMBERS = 1_000;
const FIRST_YEAR = 2021;
const YEARS = 5;
const YEAR = FIRST_YEAR + YEARS - 1;
const stationBin = path.join(repoRoot, 'bin', 'station.js');
const built = (rel) => pathToFileURL(path.join(repoRoot, 'build', rel)).href;

/** A deterministic pseudo-random sequence, so every run measures the same data. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const iso = (y, m, d, h, min = 0) => new Date(Date.UTC(y, m - 1, d, h - 8, min)).toISOString();

/** `station init` (so the schema is the real one), then the village's five years in one transaction. */
export function makeDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-bench-compliance-'));
  const init = spawnSync(process.execPath, [stationBin, 'init', '--data', dir], {
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`station init failed:\n${init.stderr}`);
  const file = path.join(dir, 'station.db');
  const db = new Database(file);
  const rand = rng(42);
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare("UPDATE settings SET value = ? WHERE key = 'station.setUpOn'").run(
      JSON.stringify(`${FIRST_YEAR}-01-01`),
    );
    const member = db.prepare(
      `INSERT INTO members (name, joined_on, role, is_mobile, works_in, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'active', ?, ?)`,
    );
    for (let i = 1; i <= MEMBERS; i++) {
      const role = i === 1 ? 'secretary' : i <= 7 ? 'committee' : 'member';
      const joined = i % 50 === 0 ? `${YEAR}-0${1 + (i % 9)}-15` : `19${60 + (i % 40)}-07-01`;
      const mobile = i % 20 === 0 ? 1 : 0;
      member.run(`党员${i}`, joined, role, mobile, mobile ? '广东省东莞市' : null, now, now);
    }
    const session = db.prepare(
      `INSERT INTO study_sessions (kind, title, started_at, ended_at, started_by, created_at)
       VALUES (?, ?, ?, ?, 'bench', ?)`,
    );
    const record = db.prepare(
      `INSERT INTO attendance_records (session_id, member_id, kind, at, reason, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, 'bench', ?)`,
    );
    const addSession = (kind, y, m, d, hours) => {
      const id = Number(
        session.run(kind, `${y}-${m} ${kind}`, iso(y, m, d, 9), iso(y, m, d, 9 + hours), now)
          .lastInsertRowid,
      );
      for (let member = 1; member <= MEMBERS; member++) {
        const r = rand();
        if (r < 0.08) record.run(id, member, 'excused', null, '外出务工', now);
        else if (r < 0.9) {
          record.run(
            id,
            member,
            'check-in',
            iso(y, m, d, 9, Math.floor(rand() * 30) - 10),
            null,
            now,
          );
          if (rand() < 0.2) {
            record.run(id, member, 'check-out', iso(y, m, d, 9 + hours - 1, 0), null, now);
          }
        }
      }
    };
    for (let y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
      for (let m = 1; m <= 12; m++) {
        if (y === YEAR && (m === 3 || m === 8)) continue; // two missed months in the measured year
        addSession('collective', y, m, 10, 3);
      }
      addSession('winter-spring', y, 1, 20, 6);
      addSession('party-lecture', y, 7, 1, 2);
    }
    const external = db.prepare(
      `INSERT INTO external_hours (member_id, on_date, hours, place, recorded_by, recorded_at)
       VALUES (?, ?, ?, '东莞', 'bench', ?)`,
    );
    for (let member = 20; member <= MEMBERS; member += 20) {
      for (let y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++)
        external.run(member, `${y}-06-01`, 8, now);
    }
    const makeup = db.prepare(
      `INSERT INTO makeup_studies (member_id, course_id, for_session_id, started_at, recorded_by, recorded_at)
       VALUES (?, 'course', NULL, ?, 'bench', ?)`,
    );
    const play = db.prepare(
      `INSERT INTO play_log (course_id, file_path, file_sha256, makeup_id, started_at, ended_at,
         watched, watched_seconds, recorded_at)
       VALUES ('course', 'course/1.mp4', ?, ?, ?, ?, '[[0,3600]]', 3600, ?)`,
    );
    for (let member = 3; member <= MEMBERS; member += 10) {
      const start = iso(YEAR, 5, 12, 20);
      const id = Number(makeup.run(member, start, now).lastInsertRowid);
      play.run('a'.repeat(64), id, start, iso(YEAR, 5, 12, 21), now);
    }
  })();
  db.close();
  return { dir, file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The same year page by hand in SQL: sessions per month by kind, each member's credited 学时
 * (presence clipped to the session, 45 minutes a 学时 rounded down to 0.5, 8 a day) plus
 * make-up and external hours against the target, leaders' concentrated training, new members'
 * training, winter–spring and party lectures, mobile members.
 */
export function referenceSql() {
  const from = iso(YEAR, 1, 1, 0);
  const to = iso(YEAR + 1, 1, 1, 0);
  return `
WITH ys AS (SELECT id, kind, started_at, COALESCE(ended_at, '${to}') AS ended_at
            FROM study_sessions WHERE started_at >= '${from}' AND started_at < '${to}'),
pres AS (
  SELECT a.member_id, s.id AS sid, s.kind, date(s.started_at, '+8 hours') AS day,
         (julianday(min(COALESCE(max(CASE WHEN a.kind = 'check-out' THEN a.at END), s.ended_at), s.ended_at))
          - julianday(max(max(CASE WHEN a.kind = 'check-in' THEN a.at END), s.started_at))) * 1440 AS minutes,
         max(a.kind = 'check-in') AS present
  FROM ys s JOIN attendance_records a ON a.session_id = s.id
  GROUP BY a.member_id, s.id),
credit AS (SELECT member_id, sid, kind, day, present,
                  CASE WHEN minutes > 0 THEN CAST(minutes / 45.0 * 2 AS INTEGER) / 2.0 ELSE 0 END AS c
           FROM pres),
mk AS (SELECT m.member_id, date(m.started_at, '+8 hours') AS day,
              CAST(min(sum(p.watched_seconds), sum((julianday(p.ended_at) - julianday(p.started_at)) * 86400)) / 60 / 45.0 * 2 AS INTEGER) / 2.0 AS c
       FROM makeup_studies m JOIN play_log p ON p.makeup_id = m.id
       WHERE m.started_at >= '${from}' AND m.started_at < '${to}' GROUP BY m.id),
daily AS (SELECT member_id, day, min(8, sum(c)) AS c
          FROM (SELECT member_id, day, c FROM credit UNION ALL SELECT member_id, day, c FROM mk)
          GROUP BY member_id, day),
ext AS (SELECT member_id, sum(hours) AS h FROM external_hours
        WHERE on_date >= '${YEAR}-01-01' AND on_date < '${YEAR + 1}-01-01' GROUP BY member_id),
hrs AS (SELECT member_id, sum(c) AS c FROM daily GROUP BY member_id),
tot AS (SELECT m.id, m.name, m.role, m.is_mobile, COALESCE(h.c, 0) + COALESCE(e.h, 0) AS hours,
               CASE m.role WHEN 'member' THEN 32 ELSE 56 END AS target
        FROM members m LEFT JOIN hrs h ON h.member_id = m.id LEFT JOIN ext e ON e.member_id = m.id
        WHERE m.state = 'active')
SELECT 'month', strftime('%Y-%m', started_at, '+8 hours'), kind, count(*) FROM ys GROUP BY 2, 3
UNION ALL SELECT 'below', id, name, hours FROM tot WHERE hours < target
UNION ALL SELECT 'leader', t.id, t.name,
  (SELECT count(*) FROM credit c WHERE c.member_id = t.id AND c.present AND c.kind IN ('training', 'winter-spring'))
  FROM tot t WHERE t.role <> 'member'
UNION ALL SELECT 'mobile', t.id, t.name, t.hours FROM tot t WHERE t.is_mobile = 1
UNION ALL SELECT 'new', m.id, m.joined_on,
  (SELECT min(s.started_at) FROM study_sessions s JOIN attendance_records a ON a.session_id = s.id
   WHERE s.kind = 'new-member' AND a.kind = 'check-in' AND a.member_id = m.id)
  FROM members m WHERE m.state = 'active' AND m.joined_on >= '${YEAR - 1}-01-01'
UNION ALL SELECT 'ws', s.id, s.started_at, (SELECT count(*) FROM attendance_records a
  WHERE a.session_id = s.id AND a.kind = 'check-in')
  FROM study_sessions s WHERE s.kind = 'winter-spring' AND s.started_at >= '${YEAR - 1}-10-31'
  AND s.started_at < '${YEAR + 1}-04-02'
UNION ALL SELECT 'lecture', id, started_at, 0 FROM ys WHERE kind = 'party-lecture';`;
}

export const compliance = {
  id: 'compliance',
  note: () =>
    `compliance report: \`complianceReport\` (what \`station report compliance --year ${YEAR}\` prints) ` +
    `in-process on a freshly opened database (open + report + close), ${MEMBERS} members × ${YEARS} ` +
    'years of monthly collective study plus a winter–spring session and a party lecture a year ' +
    '(≈ 62,000 attendance rows), external hours and make-ups; the reference is the same year page ' +
    `as one hand-written SQL statement run by \`${SQLITE3} FILE SQL\` (process start included) on ` +
    'the same file in the same run. Median of the runs.',
  async run({ runs }) {
    if (!fs.existsSync(SQLITE3)) {
      process.stdout.write(`compliance: skipped (no ${SQLITE3})\n`);
      return [];
    }
    const data = makeDataDir();
    try {
      const { complianceReport } = await import(built('station/attendance/compliance-report.js'));
      const { openDatabase } = await import(built('station/db/open.js'));
      const now = new Date();
      const ours = () => {
        const t0 = process.hrtime.bigint();
        const db = openDatabase(data.file);
        const report = complianceReport(db, YEAR, now);
        db.close();
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        return { ms, report };
      };
      const sql = referenceSql();
      const reference = () => {
        const t0 = process.hrtime.bigint();
        const r = spawnSync(SQLITE3, [data.file, sql], { encoding: 'utf8', maxBuffer: 64 << 20 });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
        return { ms, rows: r.stdout.trim().split('\n') };
      };
      // Both must say the same thing before their times mean anything.
      const check = ours().report;
      const ref = reference().rows;
      const refBelow = ref.filter((l) => l.startsWith('below|')).length;
      if (check.belowTarget.length !== refBelow) {
        throw new Error(`below target: report ${check.belowTarget.length}, SQL ${refBelow}`);
      }
      if (check.missedMonths.join() !== `${YEAR}-03,${YEAR}-08`) {
        throw new Error(`missed months: ${check.missedMonths.join()}`);
      }
      const mine = [];
      const theirs = [];
      for (let i = 0; i < runs; i++) {
        theirs.push(reference().ms);
        mine.push(ours().ms);
      }
      process.stdout.write(
        `compliance: report ${mine.map((m) => m.toFixed(1)).join(' ')} ms; ` +
          `sqlite3 ${theirs.map((m) => m.toFixed(1)).join(' ')} ms; below target ${refBelow}\n`,
      );
      return [
        {
          name: `compliance report, ${MEMBERS} members × ${YEARS} years`,
          figure: median(mine),
          reference: median(theirs),
          referenceLabel: 'sqlite3 CLI, hand-written SQL',
          unit: 'ms',
          goal: { maxRatio: 2 },
        },
      ];
    } finally {
      data.cleanup();
    }
  },
};
