/**
 * One graded health snapshot of the terminal, read through `systeminformation` (injected as a
 * SystemProbe). Every reading runs under a deadline and on its own: a sensor that is missing,
 * throws or hangs becomes `unknown` with the reason in `detail`, and the rest still report.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Grade } from '../../common/contract.js';
import type { HealthItem, HealthItemId, HealthValue } from '../../common/contract-health.js';
import type { Db } from '../db/open.js';
import { schemaVersion } from '../db/migrate.js';
import {
  gradeAge,
  gradeAudio,
  gradeContent,
  gradeDatabase,
  gradeDisplays,
  gradeHigh,
  gradeHub,
  gradeLow,
  gradeNetwork,
  type HealthThresholds,
  type HubReach,
} from '../domain/health-grading.js';
import { cacheDirs } from '../content/store.js';
import { appVersion, CONTENT_DIR, DB_FILE } from '../paths.js';
import type { Settings } from '../settings/definitions.js';
import { readSettings } from '../settings/store.js';
import { learnFromHttpDate, readMonotonic } from '../time/trusted-time.js';
import { systemProbe, withDeadline, type SystemProbe } from './probe.js';

export interface SnapshotDeps {
  db: Db;
  dataDir: string;
  now: Date;
  probe?: SystemProbe;
  /** Reaches the hub; the default is an HTTP HEAD that also learns the time from `Date`. */
  reachHub?: (url: string, timeoutMs: number) => Promise<HubReach>;
}

export interface HealthSnapshot {
  takenAt: string;
  items: HealthItem[];
}

type Detail = NonNullable<HealthItem['detail']>;
interface Reading {
  value: HealthValue;
  grade: Grade;
  detail?: Detail;
}

export function thresholdsFrom(s: Settings): HealthThresholds {
  const MB = 1024 ** 2;
  return {
    cpuWarnPercent: s['health.cpu.warnPercent'],
    cpuFailPercent: s['health.cpu.failPercent'],
    memoryWarnPercent: s['health.memory.warnPercent'],
    memoryFailPercent: s['health.memory.failPercent'],
    diskWarnFreeBytes: s['health.disk.warnFreeMB'] * MB,
    diskFailFreeBytes: s['health.disk.failFreeMB'] * MB,
    temperatureWarnCelsius: s['health.temperature.warnCelsius'],
    temperatureFailCelsius: s['health.temperature.failCelsius'],
    displayMinWidth: s['health.display.minWidth'],
    hubWarnLatencyMs: s['health.hub.warnLatencyMs'],
    databaseWarnBytes: s['health.database.warnMB'] * MB,
    syncWarnDays: s['health.sync.warnDays'],
    syncFailDays: s['health.sync.failDays'],
    uploadWarnDays: s['health.upload.warnDays'],
    uploadFailDays: s['health.upload.failDays'],
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function realDir(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** The file system holding `dir`: the mount point that is its longest prefix. */
export function volumeOf<T extends { mount: string }>(
  volumes: readonly T[],
  dir: string,
): T | null {
  const target = realDir(dir);
  let best: T | null = null;
  for (const v of volumes) {
    if (!v.mount) continue;
    const m = v.mount.endsWith(path.sep) ? v.mount : `${v.mount}${path.sep}`;
    const inside =
      target === v.mount || `${target}${path.sep}`.startsWith(m) || v.mount === path.sep;
    if (inside && (!best || v.mount.length > best.mount.length)) best = v;
  }
  return best;
}

/** Files and bytes under a folder; null when the folder does not exist. */
export function folderUsage(dir: string): { files: number; bytes: number } | null {
  if (!fs.existsSync(dir)) return null;
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        bytes += fs.statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/** HEAD to the hub: any HTTP answer means reachable; its `Date` header is a good time source. */
export async function reachHubOverHttp(db: Db, url: string, timeoutMs: number): Promise<HubReach> {
  const sent = performance.now();
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    const latencyMs = Math.round(performance.now() - sent);
    learnFromHttpDate(db, res.headers.get('date'), readMonotonic());
    return { state: 'reachable', latencyMs, status: res.status };
  } catch (err) {
    const cause =
      err instanceof Error
        ? ((err.cause as Error | undefined)?.message ?? err.message)
        : String(err);
    return { state: 'unreachable', reason: cause };
  }
}

export function healthMark(db: Db, name: 'last-sync' | 'last-upload'): Date | null {
  const at = db.prepare('SELECT at FROM health_marks WHERE name = ?').pluck().get(name) as
    string | undefined;
  return at ? new Date(at) : null;
}

/** Content sync and hub upload call this after each success; `last-sync`/`last-upload` read it. */
export function markSuccess(db: Db, name: 'last-sync' | 'last-upload', at: Date): void {
  db.prepare(
    `INSERT INTO health_marks (name, at) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET at = excluded.at`,
  ).run(name, at.toISOString());
}

export async function takeSnapshot(deps: SnapshotDeps): Promise<HealthSnapshot> {
  const { db, dataDir, now } = deps;
  const probe = deps.probe ?? systemProbe;
  const s = readSettings(db);
  const th = thresholdsFrom(s);
  const deadline = s['health.probeTimeoutMs'];
  const reachHub = deps.reachHub ?? ((url, ms) => reachHubOverHttp(db, url, ms));
  const contentDir = path.join(dataDir, CONTENT_DIR);
  // The synced course cache: `cache/` beside the database, or where content.cacheDir points.
  const cacheDir = cacheDirs(db).root;
  // One fsSize call serves both volumes.
  let volumes: ReturnType<SystemProbe['fsSize']> | undefined;
  const fsSize = () => (volumes ??= probe.fsSize());

  const disk = async (dir: string): Promise<Reading> => {
    const v = volumeOf(await fsSize(), dir);
    if (!v) return { value: null, grade: 'unknown', detail: { path: dir } };
    return {
      value: v.available,
      grade: gradeLow(v.available, th.diskWarnFreeBytes, th.diskFailFreeBytes),
      detail: { mount: v.mount, totalBytes: v.size, path: dir },
    };
  };
  const age = (name: 'last-sync' | 'last-upload', warn: number, fail: number): Reading => {
    const at = healthMark(db, name);
    return { value: at ? at.toISOString() : null, grade: gradeAge(at, now, warn, fail) };
  };

  const readers: Record<HealthItemId, () => Promise<Reading> | Reading> = {
    cpu: async () => {
      const l = await probe.currentLoad();
      // The instant reading catches a spike (this very probe, a video decode); graded on the
      // lower of it and the load average per core, only sustained load warns or fails.
      const average = l.avgLoad && l.avgLoad > 0 ? l.avgLoad * 100 : null;
      const sustained = average === null ? l.currentLoad : Math.min(l.currentLoad, average);
      return {
        value: round1(l.currentLoad),
        grade: gradeHigh(sustained, th.cpuWarnPercent, th.cpuFailPercent),
        detail: { loadAveragePerCore: l.avgLoad ?? null },
      };
    },
    memory: async () => {
      const m = await probe.mem();
      const used = m.total > 0 ? ((m.total - m.available) / m.total) * 100 : NaN;
      return {
        value: Number.isFinite(used) ? round1(used) : null,
        grade: gradeHigh(used, th.memoryWarnPercent, th.memoryFailPercent),
        detail: { totalBytes: m.total, availableBytes: m.available },
      };
    },
    'disk-data': () => disk(dataDir),
    'disk-cache': () => disk(cacheDir),
    temperature: async () => {
      const t = await probe.cpuTemperature();
      const c = [t.main, t.max].filter((x): x is number => typeof x === 'number' && x > 0);
      const value = c.length ? Math.max(...c) : null;
      return {
        value,
        grade: gradeHigh(value, th.temperatureWarnCelsius, th.temperatureFailCelsius),
      };
    },
    uptime: async () => {
      const seconds = await probe.uptime();
      const ok = Number.isFinite(seconds) && seconds >= 0;
      return { value: ok ? Math.round(seconds) : null, grade: ok ? 'ok' : 'unknown' };
    },
    display: async () => {
      const g = await probe.graphics();
      const displays = g.displays.map((d) => ({ width: d.currentResX, height: d.currentResY }));
      const widest = [...displays].sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0];
      return {
        value: displays.length,
        grade: gradeDisplays(displays, th.displayMinWidth),
        detail: {
          resolution: widest?.width && widest.height ? `${widest.width}x${widest.height}` : null,
        },
      };
    },
    audio: async () => {
      const devices = await probe.audio();
      // `out` is null where the OS does not say; a device of unknown direction still counts.
      const outputs = devices.filter((d) => d.out !== false);
      return {
        value: outputs.length,
        grade: gradeAudio(outputs.length),
        detail: { devices: outputs.map((d) => d.name).join(', ') || null },
      };
    },
    network: async () => {
      const list = await probe.networkInterfaces();
      const up = list.filter((i) => !i.internal && i.operstate === 'up' && i.ip4);
      return {
        value: up.length,
        grade: gradeNetwork(up.length),
        detail: { interfaces: up.map((i) => `${i.iface} ${i.ip4}`).join(', ') || null },
      };
    },
    hub: async () => {
      const url = s['hub.url'];
      const reach: HubReach = url ? await reachHub(url, deadline) : { state: 'not-configured' };
      const detail: Detail = { url: url || null };
      if (reach.state === 'reachable') {
        detail.latencyMs = reach.latencyMs;
        detail.status = reach.status;
      }
      if (reach.state === 'unreachable') detail.error = reach.reason;
      return { value: reach.state, grade: gradeHub(reach, th.hubWarnLatencyMs), detail };
    },
    os: async () => {
      const o = await probe.osInfo();
      return {
        value: `${o.distro} ${o.release}`.trim(),
        grade: 'ok',
        detail: { kernel: o.kernel, arch: o.arch },
      };
    },
    app: () => ({
      value: appVersion(),
      grade: 'ok',
      detail: { node: process.versions.node, schemaVersion: schemaVersion(db) },
    }),
    database: () => {
      const file = path.join(dataDir, DB_FILE);
      const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
      const bytes = size(file) + size(`${file}-wal`);
      const integrity = String(db.pragma('quick_check', { simple: true }));
      return {
        value: bytes,
        grade: gradeDatabase(bytes, integrity, th.databaseWarnBytes),
        detail: { integrity },
      };
    },
    content: () => {
      const content = folderUsage(contentDir);
      const cache = folderUsage(cacheDir);
      const files = content || cache ? (content?.files ?? 0) + (cache?.files ?? 0) : null;
      return {
        value: files,
        grade: gradeContent(files),
        detail: { bytes: (content?.bytes ?? 0) + (cache?.bytes ?? 0) },
      };
    },
    'last-sync': () => age('last-sync', th.syncWarnDays, th.syncFailDays),
    'last-upload': () => age('last-upload', th.uploadWarnDays, th.uploadFailDays),
  };

  const items = await Promise.all(
    (Object.keys(readers) as HealthItemId[]).map(async (id): Promise<HealthItem> => {
      try {
        const r = await withDeadline(async () => readers[id](), deadline);
        return r.detail
          ? { id, value: r.value, grade: r.grade, detail: r.detail }
          : { id, value: r.value, grade: r.grade };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        return { id, value: null, grade: 'unknown', detail: { error } };
      }
    }),
  );
  return { takenAt: now.toISOString(), items };
}
