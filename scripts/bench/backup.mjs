// `station backup` and `station restore` on a station with ten years of records, taken while
// `station serve` runs, beside `station db check` of the same database (a CLI process that opens
// and reads the whole database: the floor for anything that copies it safely).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../lib/run.mjs';
import { demoDataDir, startStation } from './station.mjs';

const stationBin = path.join(repoRoot, 'bin', 'station.js');
const YEARS = 10;
const SESSIONS_PER_YEAR = 30;

/** Ten years of a busy village: every member checks in and out of every session. */
function fillHistory(dir) {
  const db = new Database(path.join(dir, 'station.db'));
  const members = db.prepare('SELECT id FROM members').all();
  const session = db.prepare(
    `INSERT INTO study_sessions (kind, title, started_at, ended_at, started_by, created_at)
     VALUES ('collective', ?, ?, ?, 'bench', ?)`,
  );
  const record = db.prepare(
    `INSERT INTO attendance_records (session_id, member_id, kind, at, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, 'bench', ?)`,
  );
  let records = 0;
  db.transaction(() => {
    for (let y = 0; y < YEARS; y++) {
      for (let s = 0; s < SESSIONS_PER_YEAR; s++) {
        const day = new Date(Date.UTC(2016 + y, 0, 1 + s * 12, 1));
        const start = day.toISOString();
        const end = new Date(day.getTime() + 2 * 3600_000).toISOString();
        const id = session.run(`集中学习 ${y}-${s}`, start, end, start).lastInsertRowid;
        for (const m of members) {
          record.run(id, m.id, 'check-in', start, start);
          record.run(id, m.id, 'check-out', end, end);
          records += 2;
        }
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return records;
}

function timed(args, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [stationBin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`station ${args.join(' ')} failed:\n${r.stderr}`);
  return seconds;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let lastNote = '';

export const backupBench = {
  id: 'backup',
  note: () => lastNote,
  async run({ runs }) {
    const data = demoDataDir();
    const records = fillHistory(data.dir);
    const server = await startStation(data.dir);
    const out = path.join(data.dir, '..', `${path.basename(data.dir)}-bench`);
    fs.mkdirSync(out, { recursive: true });
    const env = { STATION_BACKUP_PASSPHRASE: 'bench passphrase' };
    try {
      const dbFile = path.join(data.dir, 'station.db');
      const plain = [];
      const sealed = [];
      const restore = [];
      const check = [];
      const n = Math.min(runs, 5);
      for (let i = 0; i < n; i++) {
        check.push(timed(['db', 'check', '--data', data.dir]));
        plain.push(timed(['backup', '--out', path.join(out, 'b.zip'), '--data', data.dir]));
        sealed.push(timed(['backup', '--out', path.join(out, 'b.bak'), '--data', data.dir], env));
        const target = path.join(out, `restored-${i}`);
        restore.push(timed(['restore', path.join(out, 'b.bak'), '--data', target], env));
      }
      const dbMb = fs.statSync(dbFile).size / 1024 ** 2;
      const zipMb = fs.statSync(path.join(out, 'b.zip')).size / 1024 ** 2;
      lastNote =
        `backup: \`station backup\` (plain, then with a passphrase) and \`station restore\` of the ` +
        `sealed file, each a whole CLI process (Node start included), median of ${n}, while ` +
        `\`station serve\` runs on a demo village with ${YEARS} years × ${SESSIONS_PER_YEAR} ` +
        `sessions of check-ins (${records} attendance records, database ${dbMb.toFixed(1)} MB, ` +
        `backup ${zipMb.toFixed(2)} MB); the reference is \`station db check\` (integrity_check) of the same database, also a ` +
        'whole process.';
      const reference = median(check);
      const referenceLabel = 'station db check';
      return [
        {
          name: 'station backup (online, plain)',
          figure: median(plain),
          reference,
          referenceLabel,
          unit: 's',
          goal: { max: 10 },
        },
        {
          name: 'station backup (online, passphrase)',
          figure: median(sealed),
          reference,
          referenceLabel,
          unit: 's',
          goal: { max: 10 },
        },
        {
          name: 'station restore (passphrase, checked)',
          figure: median(restore),
          reference,
          referenceLabel,
          unit: 's',
          goal: { max: 10 },
        },
      ];
    } finally {
      await server.stop();
      fs.rmSync(out, { recursive: true, force: true });
      data.cleanup();
    }
  },
};
