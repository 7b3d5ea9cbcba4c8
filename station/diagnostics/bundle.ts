import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type * as Fflate from 'fflate';
import type { Zippable } from 'fflate';
import { lazyRequire } from '../lazy-require.js';
import { schemaVersion } from '../db/migrate.js';
import { inspectDatabaseFile, type Db } from '../db/open.js';
import { listEquipment } from '../equipment/register.js';
import { logFiles } from '../log.js';
import { appVersion, CONTENT_DIR, DB_FILE } from '../paths.js';
import { readSettings } from '../settings/store.js';
import { freeBytes } from '../disk.js';

const fflate = lazyRequire<typeof Fflate>('fflate');

/** Setting keys whose values are secrets (PIN hashes, tokens, keys) never leave the terminal. */
const SECRET_KEY = /(pin|token|secret|password|passphrase|credential|hash|key)(?![a-z])/i;
const REDACTED = '[已隐去]';
const RECENT_ERRORS = 200;
const HISTORY_ROWS = 20_000;

export interface DiagnosticsBundle {
  bytes: Uint8Array;
  entries: string[];
}

const json = (value: unknown) => fflate().strToU8(`${JSON.stringify(value, null, 2)}\n`);
const jsonl = (rows: unknown[]) =>
  fflate().strToU8(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function tableExists(db: Db, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

/**
 * Strings that identify a member — names, phones, card codes, birth dates, where they work —
 * to be scrubbed from everything the bundle carries. Logs are written without personal data;
 * this is the second line of defence, for a message that quoted a name anyway.
 */
function personalStrings(db: Db): string[] {
  if (!tableExists(db, 'members')) return [];
  const rows = db
    .prepare('SELECT name, phone, card_code, birth_date, works_in FROM members')
    .all() as Record<string, string | null>[];
  const out = new Set<string>();
  for (const r of rows) {
    for (const v of Object.values(r)) if (v && v.trim().length >= 2) out.add(v.trim());
  }
  // Longest first, so 欧阳娜娜 is replaced whole rather than leaving part of it.
  return [...out].sort((a, b) => b.length - a.length);
}

function scrubber(secrets: string[]): (text: string) => string {
  return (text) => secrets.reduce((t, s) => t.split(s).join(REDACTED), text);
}

/**
 * The technician's USB-stick bundle (issue 7, §7): versions, the database check, settings
 * without secrets, health history and self-test results where the health capability records
 * them, the equipment register, structured logs and recent errors — and no member's personal
 * data. Read-only, so it is safe while `station serve` runs, and it still produces a bundle
 * when the database is damaged (that is when it is needed most).
 */
export function buildDiagnostics(dataDir: string, now: Date): DiagnosticsBundle {
  const entries: Record<string, Uint8Array> = {};
  const dbFile = path.join(dataDir, DB_FILE);
  let scrub = (t: string) => t;
  let dbCheck: Record<string, unknown> = { file: dbFile, exists: fs.existsSync(dbFile) };
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  let schema: number | null = null;

  if (fs.existsSync(dbFile)) {
    let db: Db | undefined;
    try {
      inspectDatabaseFile(dbFile);
      db = new Database(dbFile, { readonly: true, fileMustExist: true });
      db.pragma('busy_timeout = 5000');
      scrub = scrubber(personalStrings(db));
      schema = schemaVersion(db);
      const check = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all() as { name: string }[];
      dbCheck = {
        ...dbCheck,
        integrity: check.length === 1 && check[0] === 'ok' ? 'ok' : check,
        schemaVersion: schema,
        bytes: size(dbFile),
        walBytes: size(`${dbFile}-wal`),
        // Row counts describe the station's activity without saying who did what.
        rows: Object.fromEntries(
          tables.map(({ name }) => [
            name,
            (
              db!.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as {
                n: number;
              }
            ).n,
          ]),
        ),
      };
      addDatabaseParts(db, entries);
    } catch (err) {
      dbCheck = { ...dbCheck, error: errorText(err) };
    } finally {
      db?.close();
    }
  }
  entries['db-check.json'] = json(dbCheck);
  entries['versions.json'] = json({
    createdAt: now.toISOString(),
    app: appVersion(),
    schemaVersion: schema,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    sqlite: sqliteVersion(),
    os: { type: os.type(), release: os.release(), arch: os.arch(), platform: os.platform() },
    uptimeSeconds: Math.round(os.uptime()),
  });
  entries['data-dir.json'] = json(dataDirSummary(dataDir));

  const errors: unknown[] = [];
  for (const file of logFiles(dataDir)) {
    const text = scrub(fs.readFileSync(file, 'utf8'));
    entries[`logs/${path.basename(file)}`] = fflate().strToU8(text);
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as { level?: string };
        if (entry.level === 'error' || entry.level === 'warn') errors.push(entry);
      } catch {
        // A line cut short by a power failure: the log file itself still carries it.
      }
    }
  }
  entries['recent-errors.jsonl'] = jsonl(errors.slice(-RECENT_ERRORS));
  entries['README.txt'] = fflate().strToU8(README);

  // Scrub every text entry once more, whatever produced it.
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) {
    zippable[name] = fflate().strToU8(scrub(new TextDecoder().decode(bytes)));
  }
  return { bytes: fflate().zipSync(zippable, { level: 6 }), entries: Object.keys(zippable).sort() };
}

function addDatabaseParts(db: Db, entries: Record<string, Uint8Array>): void {
  const settings = Object.fromEntries(
    Object.entries(readSettings(db)).filter(([key]) => !SECRET_KEY.test(key.split('.').at(-1)!)),
  );
  entries['settings.json'] = json(settings);
  if (tableExists(db, 'equipment')) {
    entries['equipment.json'] = json(listEquipment(db));
  }
  // Tables the health capability adds; read only where they exist, whatever their columns.
  const optional: [string, string, string][] = [
    ['health_snapshots', 'health-history.jsonl', 'ORDER BY rowid DESC'],
    ['selftest_runs', 'selftest-runs.jsonl', 'ORDER BY rowid DESC'],
    ['clock_state', 'clock-state.jsonl', ''],
    ['health_marks', 'health-marks.jsonl', ''],
  ];
  for (const [table, entry, order] of optional) {
    if (!tableExists(db, table)) continue;
    const rows = db.prepare(`SELECT * FROM ${table} ${order} LIMIT ${HISTORY_ROWS}`).all();
    entries[entry] = jsonl(order ? rows.reverse() : rows);
  }
}

function sqliteVersion(): string | null {
  try {
    const mem = new Database(':memory:');
    try {
      return (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    } finally {
      mem.close();
    }
  } catch {
    return null;
  }
}

/** Sizes of what the data directory holds, and the free space on its volume. */
function dataDirSummary(dataDir: string): Record<string, unknown> {
  const du = (p: string): number => {
    try {
      const st = fs.statSync(p);
      if (!st.isDirectory()) return st.size;
      return fs.readdirSync(p).reduce((sum, name) => sum + du(path.join(p, name)), 0);
    } catch {
      return 0;
    }
  };
  let free: number | null = null;
  try {
    free = freeBytes(dataDir);
  } catch {
    free = null;
  }
  const top = fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : [];
  return {
    dataDir,
    freeBytes: free,
    contentBytes: du(path.join(dataDir, CONTENT_DIR)),
    entries: Object.fromEntries(top.map((name) => [name, du(path.join(dataDir, name))])),
  };
}

const README = `学习站诊断包 / Study Station diagnostics bundle

versions.json         软件、Node、SQLite、操作系统版本 / versions
db-check.json         数据库完整性检查与各表行数 / database integrity check and row counts
settings.json         设置（不含密码、令牌、密钥）/ settings without secrets
health-history.jsonl  健康快照历史（如有）/ health snapshots, where recorded
selftest-runs.jsonl   自检结果（如有）/ self-test results, where recorded
equipment.json        设备登记 / equipment register
logs/                 运行日志 / structured logs (JSON lines)
recent-errors.jsonl   最近的错误与警告 / recent errors and warnings

不含党员姓名、电话、卡号、出生日期等个人信息。
Contains no member's personal data.
`;

export { REDACTED };
