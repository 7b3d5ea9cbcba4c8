/**
 * The technician's self-test: screen, audio, network to the hub, disk write/read, database
 * integrity and course verification. Each step runs on its own (one failing step never stops the
 * others); the run is stored with what each step found, and shown with what to do about it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SelfTestResult, SelfTestStepId } from '../../common/contract-health.js';
import type { Db } from '../db/open.js';
import type { HubReach } from '../domain/health-grading.js';
import { CONTENT_DIR } from '../paths.js';
import { getSetting } from '../settings/store.js';
import { systemProbe, withDeadline, type SystemProbe } from './probe.js';
import { reachHubOverHttp } from './snapshot.js';
import { cacheDirs } from '../content/store.js';
import { manifestFiles } from '../../common/manifest.js';
import { acceptedManifest, activeManifest } from '../content/store.js';
import { verifyCache } from '../content/verify.js';

export interface StoredStep {
  id: SelfTestStepId;
  result: SelfTestResult;
  detail: Record<string, string | number | boolean | null>;
  /** Message key under health.selftest.text and its parameters: words are chosen when shown. */
  key: string;
  params: Record<string, string | number>;
}

export interface StoredRun {
  id: number;
  startedAt: string;
  finishedAt: string;
  overall: SelfTestResult;
  steps: StoredStep[];
  runBy: string;
}

export interface SelfTestDeps {
  db: Db;
  dataDir: string;
  now: () => Date;
  runBy: string;
  probe?: SystemProbe;
  reachHub?: (url: string, timeoutMs: number) => Promise<HubReach>;
  /** Bytes written and read back per volume. */
  diskProbeBytes?: number;
}

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function step(
  id: SelfTestStepId,
  result: SelfTestResult,
  key: string,
  params: Record<string, string | number> = {},
  detail: StoredStep['detail'] = {},
): StoredStep {
  return { id, result, key, params, detail };
}

async function screenStep(probe: SystemProbe, ms: number): Promise<StoredStep> {
  const g = await withDeadline(() => probe.graphics(), ms);
  const n = g.displays.length;
  // A connected display that reports itself passes; whether the picture is right is for the
  // technician's eyes on the colour bars.
  return n > 0
    ? step('screen', 'pass', 'screenPattern', { displays: n }, { displays: n })
    : step('screen', 'unknown', 'screenNoDisplay', {}, { displays: 0 });
}

async function audioStep(probe: SystemProbe, ms: number): Promise<StoredStep> {
  const outs = (await withDeadline(() => probe.audio(), ms)).filter((d) => d.out !== false);
  return outs.length > 0
    ? step(
        'audio',
        'pass',
        'audioOutputs',
        { devices: outs.map((d) => d.name).join(', ') },
        {
          outputs: outs.length,
        },
      )
    : step('audio', 'unknown', 'audioNone', {}, { outputs: 0 });
}

async function networkStep(
  db: Db,
  reachHub: NonNullable<SelfTestDeps['reachHub']>,
): Promise<StoredStep> {
  const url = getSetting(db, 'hub.url');
  if (!url) return step('network', 'unknown', 'hubNotConfigured');
  const r = await reachHub(url, getSetting(db, 'health.probeTimeoutMs'));
  if (r.state === 'reachable') {
    return step(
      'network',
      'pass',
      'hubOk',
      { latency: r.latencyMs },
      {
        url,
        latencyMs: r.latencyMs,
        status: r.status,
      },
    );
  }
  const error = r.state === 'unreachable' ? r.reason : r.state;
  return step('network', 'fail', 'hubFailed', { error }, { url, error });
}

/** Writes random bytes, flushes them to the device, reads them back and compares. */
function writeReadBack(dir: string, bytes: number): void {
  const file = path.join(dir, `.selftest-${process.pid}-${Date.now()}`);
  const data = crypto.randomBytes(bytes);
  try {
    const fd = fs.openSync(file, 'w');
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const back = fs.readFileSync(file);
    if (!back.equals(data)) throw new Error('read back differs from what was written');
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function diskStep(dataDir: string, cacheDir: string, bytes: number): StoredStep {
  const dirs = [dataDir, path.join(dataDir, CONTENT_DIR), cacheDir].filter((d) => fs.existsSync(d));
  for (const dir of dirs) {
    try {
      writeReadBack(dir, bytes);
    } catch (err) {
      return step('disk', 'fail', 'diskFailed', { path: dir, error: errText(err) }, { path: dir });
    }
  }
  const size = bytes >= 1024 ** 2 ? `${bytes / 1024 ** 2} MB` : `${Math.round(bytes / 1024)} KB`;
  return step('disk', 'pass', 'diskOk', { size }, { bytes, volumes: dirs.length });
}

function databaseStep(db: Db): StoredStep {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((r) => r.integrity_check);
  if (messages.length === 1 && messages[0] === 'ok') return step('database', 'pass', 'databaseOk');
  const detail = messages.slice(0, 5).join('; ');
  return step('database', 'fail', 'databaseFailed', { detail }, { problems: messages.length });
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !e.name.startsWith('.selftest-')) out.push(p);
    }
  };
  if (fs.existsSync(root)) walk(root);
  return out;
}

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Hashes every file outside the verified cache (the course folder) and compares with the
 * fingerprints of the last check: without a catalogue from the county that is all a check can
 * say. Returns the files that changed and how many were compared.
 */
async function fingerprintStep(
  db: Db,
  dataDir: string,
  files: string[],
  now: Date,
): Promise<{ changed: string[]; compared: number }> {
  const known = new Map(
    (
      db.prepare('SELECT path, sha256 FROM content_fingerprints').all() as {
        path: string;
        sha256: string;
      }[]
    ).map((r) => [r.path, r.sha256]),
  );
  const changed: string[] = [];
  let compared = 0;
  const save = db.prepare(
    `INSERT INTO content_fingerprints (path, size, sha256, verified_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (path) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256,
       verified_at = excluded.verified_at`,
  );
  const fresh: [string, number, string][] = [];
  for (const file of files) {
    const rel = path.relative(dataDir, file).split(path.sep).join('/');
    const digest = await sha256(file);
    const before = known.get(rel);
    if (before !== undefined) {
      compared++;
      if (before !== digest) changed.push(rel);
    }
    fresh.push([rel, fs.statSync(file).size, digest]);
  }
  db.transaction(() => {
    for (const [rel, size, digest] of fresh) save.run(rel, size, digest, now.toISOString());
  })();
  return { changed, compared };
}

/**
 * Course verification. The verified cache is checked the way `station content verify` checks
 * it (verifyCache: every file of the served and the accepted manifest re-hashed against the
 * county's signed SHA-256; a corrupt file is quarantined, stops being served and is fetched again
 * at the next sync). A corrupt file, or a served file gone missing, fails the step and is named;
 * a file of a newer manifest still downloading is not a fault. Files in the course folder outside
 * the cache keep the fingerprint comparison with the last check.
 */
async function contentStep(db: Db, dataDir: string, now: Date): Promise<StoredStep> {
  const active = activeManifest(db);
  const served = new Set(active ? manifestFiles(active.manifest).map((f) => f.path) : []);
  const cached = acceptedManifest(db) ? (await verifyCache(db, () => now)).files : [];
  const bad = cached.filter(
    (f) => f.status === 'corrupt' || (f.status === 'missing' && served.has(f.path)),
  );
  const verified = cached.filter((f) => f.status === 'verified').length;
  const loose = listFiles(path.join(dataDir, CONTENT_DIR));
  const { changed, compared } = await fingerprintStep(db, dataDir, loose, now);
  const files = verified + loose.length;
  const detail = { files, verified, corrupt: bad.length, changed: changed.length };
  if (bad.length > 0) {
    return step(
      'content',
      'fail',
      'contentCorrupt',
      {
        count: bad.length,
        paths: bad
          .slice(0, 5)
          .map((f) => f.path)
          .join(', '),
      },
      detail,
    );
  }
  if (changed.length > 0) {
    return step(
      'content',
      'fail',
      'contentChanged',
      { changed: changed.length, paths: changed.slice(0, 5).join(', ') },
      detail,
    );
  }
  if (files === 0) return step('content', 'unknown', 'contentNone', {}, detail);
  if (compared === loose.length) {
    return verified > 0 && loose.length === 0
      ? step('content', 'pass', 'contentVerified', { files }, detail)
      : step('content', 'pass', 'contentOk', { files }, detail);
  }
  return step(
    'content',
    'unknown',
    'contentUnverified',
    { files: loose.length },
    { ...detail, new: loose.length - compared },
  );
}

export function overallOf(steps: readonly StoredStep[]): SelfTestResult {
  if (steps.some((s) => s.result === 'fail')) return 'fail';
  if (steps.some((s) => s.result === 'unknown')) return 'unknown';
  return 'pass';
}

export async function runSelfTest(deps: SelfTestDeps): Promise<StoredRun> {
  const { db, dataDir } = deps;
  const probe = deps.probe ?? systemProbe;
  const reachHub = deps.reachHub ?? ((url, ms) => reachHubOverHttp(db, url, ms));
  const ms = getSetting(db, 'health.probeTimeoutMs');
  const startedAt = deps.now();
  const guard = async (id: SelfTestStepId, run: () => Promise<StoredStep> | StoredStep) => {
    try {
      return await run();
    } catch (err) {
      const stepKey: Record<SelfTestStepId, string> = {
        screen: 'screenNoDisplay',
        audio: 'audioNone',
        network: 'hubFailed',
        disk: 'diskFailed',
        database: 'databaseFailed',
        content: 'contentNone',
      };
      // A sensor that throws cannot tell; a disk or database that throws has failed.
      const result: SelfTestResult = id === 'disk' || id === 'database' ? 'fail' : 'unknown';
      const error = errText(err);
      return step(id, result, stepKey[id], { error, detail: error, path: dataDir }, { error });
    }
  };
  const steps = [
    await guard('screen', () => screenStep(probe, ms)),
    await guard('audio', () => audioStep(probe, ms)),
    await guard('network', () => networkStep(db, reachHub)),
    await guard('disk', () =>
      diskStep(dataDir, cacheDirs(db).root, deps.diskProbeBytes ?? 1024 ** 2),
    ),
    await guard('database', () => databaseStep(db)),
    await guard('content', () => contentStep(db, dataDir, startedAt)),
  ];
  const finishedAt = deps.now();
  const overall = overallOf(steps);
  const info = db
    .prepare(
      `INSERT INTO selftest_runs (started_at, finished_at, overall, steps, run_by)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(
      startedAt.toISOString(),
      finishedAt.toISOString(),
      overall,
      JSON.stringify(steps),
      deps.runBy,
    );
  return {
    id: Number(info.lastInsertRowid),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    overall,
    steps,
    runBy: deps.runBy,
  };
}

export function lastSelfTest(db: Db): StoredRun | null {
  const row = db
    .prepare(
      `SELECT id, started_at AS startedAt, finished_at AS finishedAt, overall, steps, run_by AS runBy
       FROM selftest_runs ORDER BY id DESC LIMIT 1`,
    )
    .get() as (Omit<StoredRun, 'steps'> & { steps: string }) | undefined;
  return row ? { ...row, steps: JSON.parse(row.steps) as StoredStep[] } : null;
}
