// Exporting 1,000,000 attendance rows (1,000 sessions × 1,000 members, each checked in and out)
// with `station attendance export --format csv`, beside the sqlite3 command-line tool's `-csv`
// output of the same rows (one per member and session, folded by GROUP BY) in the same run.
// Goal: ≥ 0.5× sqlite3's throughput (time ≤ 2×), in bounded memory (peak RSS of the export).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../lib/run.mjs';
import { median } from './report.mjs';

const SESSIONS = 1000;
const MEMBERS = 1000;
const ROWS = SESSIONS * MEMBERS;
const stationBin = path.join(repoRoot, 'bin', 'station.js');

// The export process reports its own peak RSS when it exits: no /usr/bin/time needed.
const REPORT_PEAK = `data:text/javascript,process.on('exit',()=>process.stderr.write('peak-rss-kb '+process.resourceUsage().maxRSS+'\\n'))`;

/** The same rows as the export, for sqlite3: one line per member and session. */
const SQLITE_QUERY = `
SELECT date(s.started_at, '+8 hours') AS day, s.id, s.kind, s.title, m.id, m.name, m.role,
  max(CASE WHEN a.kind = 'check-in' THEN datetime(a.at, '+8 hours') END) AS check_in,
  max(CASE WHEN a.kind = 'check-out' THEN datetime(a.at, '+8 hours') END) AS check_out,
  max(a.time_quality) AS quality
FROM study_sessions s CROSS JOIN members m
LEFT JOIN attendance_records a ON a.session_id = s.id AND a.member_id = m.id
WHERE s.started_at >= '2024-12-31T16:00:00.000Z' AND s.started_at < '2026-12-31T16:00:00.000Z'
  AND (a.id IS NOT NULL OR (m.state = 'active' AND m.created_at <= COALESCE(s.ended_at, s.started_at)))
GROUP BY s.id, m.id
ORDER BY s.started_at, s.id, m.id;`;

function exec(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${stderr}`));
      else resolve({ stderr });
    });
  });
}

const seconds = (text) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  if (!m) throw new Error(`unexpected time ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/**
 * Runs a command under sh with stdout to a file and returns its wall time and its CPU time
 * (user + system, from the shell's `times`). Both programs are measured the same way; CPU time
 * is the figure compared, because on a shared machine wall time mostly measures the neighbours.
 */
function timed(cmd, args, stdoutFile) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      'sh',
      ['-c', '"$@" > "$OUT"; s=$?; times >&2; exit $s', 'sh', cmd, ...args],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, OUT: stdoutFile },
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}:\n${stderr}`));
      const lines = stderr.trim().split('\n');
      const [user, sys] = lines[lines.length - 1].trim().split(/\s+/).map(seconds);
      resolve({ wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: user + sys, stderr });
    });
  });
}

/** A station data directory holding the 1M-row year, written with SQL directly (seconds, not hours). */
async function makeData(dir) {
  await exec(process.execPath, [stationBin, 'init', '--data', dir]);
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(path.join(dir, 'station.db'));
  db.pragma('synchronous = OFF');
  db.transaction(() => {
    const addMember = db.prepare(
      `INSERT INTO members (name, role, created_at, updated_at) VALUES (?, ?, ?, ?)`,
    );
    for (let i = 1; i <= MEMBERS; i++) {
      addMember.run(
        `党员${i}号`,
        i <= 5 ? 'committee' : 'member',
        '2020-01-01T00:00:00.000Z',
        '2020-01-01T00:00:00.000Z',
      );
    }
    const addSession = db.prepare(
      `INSERT INTO study_sessions (kind, title, started_at, ended_at, started_by, created_at)
       VALUES ('collective', ?, ?, ?, 'bench', ?)`,
    );
    const addRecord = db.prepare(
      `INSERT INTO attendance_records (session_id, member_id, kind, at, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, 'bench', ?)`,
    );
    const base = Date.UTC(2025, 0, 1, 1, 0);
    const iso = (ms) => new Date(ms).toISOString();
    for (let s = 0; s < SESSIONS; s++) {
      const start = base + s * 12 * 3_600_000;
      const sid = Number(
        addSession.run(`第${s + 1}次集中学习`, iso(start), iso(start + 7_200_000), iso(start))
          .lastInsertRowid,
      );
      for (let m = 1; m <= MEMBERS; m++) {
        addRecord.run(sid, m, 'check-in', iso(start - 60_000 + m * 100), iso(start));
        addRecord.run(sid, m, 'check-out', iso(start + 5_400_000 + m * 100), iso(start));
      }
    }
  })();
  db.close();
}

export const exportBench = {
  id: 'export',
  note: () =>
    `attendance export: \`station attendance export --format csv\` of ${ROWS.toLocaleString('en')} ` +
    `rows (${SESSIONS} sessions × ${MEMBERS} members, check-in and check-out each) — the whole ` +
    'process, start to exit, CPU time (user + system, measured by sh `times` for both), median ' +
    'of the runs — beside `sqlite3 -csv` writing the same rows (the same join folded by GROUP BY ' +
    'to one line per member and session) to a file in the same run. CPU rather than wall time ' +
    'because the machine is shared; wall times are printed too. Goal: at most 2× its time ' +
    '(≥ 0.5× its throughput). Peak RSS is the export process’s own ' +
    'maxRSS (process.resourceUsage) at exit; goal 256 MB, i.e. memory does not grow with the rows.',
  async run({ runs }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-bench-export-'));
    try {
      process.stdout.write(`export: writing ${ROWS} rows of test data…\n`);
      await makeData(path.join(dir, 'data'));
      const n = Math.max(1, Math.min(runs, 3));
      const ours = [];
      const theirs = [];
      const peaks = [];
      for (let i = 0; i < n; i++) {
        const out = path.join(dir, `export-${i}.csv`);
        const r = await timed(
          process.execPath,
          [
            '--import',
            REPORT_PEAK,
            stationBin,
            'attendance',
            'export',
            '--from',
            '2025-01-01',
            '--to',
            '2026-12-31',
            '--format',
            'csv',
            '--out',
            out,
            '--data',
            path.join(dir, 'data'),
          ],
          path.join(dir, 'stdout.txt'),
        );
        ours.push(r);
        peaks.push(Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1]) / 1024);
        const lines = fs.readFileSync(out, 'utf8').split('\r\n').length - 2;
        if (lines !== ROWS) throw new Error(`export wrote ${lines} rows, expected ${ROWS}`);
        fs.rmSync(out);
        const ref = path.join(dir, `sqlite-${i}.csv`);
        const db = path.join(dir, 'data', 'station.db');
        theirs.push(await timed('sqlite3', ['-csv', '-header', db, SQLITE_QUERY], ref));
        fs.rmSync(ref);
        process.stdout.write(
          `export: run ${i + 1}: station ${ours[i].cpu.toFixed(2)} s CPU, ${ours[i].wall.toFixed(2)} s wall ` +
            `(peak ${peaks[i].toFixed(0)} MB); sqlite3 ${theirs[i].cpu.toFixed(2)} s CPU, ` +
            `${theirs[i].wall.toFixed(2)} s wall\n`,
        );
      }
      return [
        {
          name: `attendance export, ${ROWS / 1e6}M rows to CSV (CPU time)`,
          figure: median(ours.map((r) => r.cpu)),
          reference: median(theirs.map((r) => r.cpu)),
          referenceLabel: 'sqlite3 -csv',
          unit: 's',
          goal: { maxRatio: 2 },
        },
        {
          name: `attendance export, ${ROWS / 1e6}M rows: peak RSS`,
          figure: Math.max(...peaks),
          reference: null,
          unit: 'MB',
          goal: { max: 256 },
        },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
