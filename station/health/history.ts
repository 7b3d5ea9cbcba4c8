/**
 * Health history: the `health-snapshot` job stores a snapshot every few minutes (*policy*
 * `health.snapshotMinutes`); older snapshots are folded to one per hour after
 * `health.history.rawDays`, to one per day after `health.history.hourlyDays`, and dropped after
 * `health.history.dailyDays`. Rows hold only [id, value, grade] per item (no sensor detail), so a
 * month of history is well under a megabyte (see scripts/bench/health-history.mjs).
 */
import type { HealthItem } from '../../common/contract-health.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import {
  bucketRows,
  foldRows,
  worstGrade,
  type CompactItem,
  type HistoryRow,
} from '../domain/health-history.js';
import { zonedInstant, zonedParts } from '../domain/zoned-time.js';
import type { JobDefinition } from '../jobs/job.js';
import { getSetting, readSettings } from '../settings/store.js';
import { learnFromNtp, timeQuality } from '../time/trusted-time.js';
import type { SystemProbe } from './probe.js';
import { takeSnapshot, type HealthSnapshot } from './snapshot.js';

type Resolution = 'raw' | 'hour' | 'day';

export function compactItems(items: readonly HealthItem[]): CompactItem[] {
  return items.map((i) => [i.id, i.value, i.grade]);
}

function insertRow(db: Db, resolution: Resolution, row: HistoryRow): void {
  db.prepare(
    `INSERT INTO health_snapshots (taken_at, resolution, samples, worst, items, time_quality)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    row.takenAt,
    resolution,
    row.samples,
    worstGrade(row.items),
    JSON.stringify(row.items),
    row.timeQuality,
  );
}

export function storeSnapshot(
  db: Db,
  snapshot: HealthSnapshot,
  quality: 'trusted' | 'untrusted',
): void {
  insertRow(db, 'raw', {
    takenAt: snapshot.takenAt,
    samples: 1,
    items: compactItems(snapshot.items),
    timeQuality: quality,
  });
}

interface DbRow {
  id: number;
  taken_at: string;
  samples: number;
  items: string;
  time_quality: 'trusted' | 'untrusted';
}

const toHistory = (r: DbRow): HistoryRow => ({
  takenAt: r.taken_at,
  samples: r.samples,
  items: JSON.parse(r.items) as CompactItem[],
  timeQuality: r.time_quality,
});

/**
 * Folds every `from` row older than `before` into `to` rows, one per bucket, merging with a `to`
 * row already stored for the same bucket (a previous compaction's).
 */
function fold(
  db: Db,
  from: Resolution,
  to: Resolution,
  before: Date,
  bucketStart: (takenAt: string) => string,
): number {
  const rows = db
    .prepare(
      `SELECT id, taken_at, samples, items, time_quality FROM health_snapshots
       WHERE resolution = ? AND taken_at < ? ORDER BY taken_at, id`,
    )
    .all(from, before.toISOString()) as DbRow[];
  if (rows.length === 0) return 0;
  const existing = db.prepare(
    `SELECT id, taken_at, samples, items, time_quality FROM health_snapshots
     WHERE resolution = ? AND taken_at = ?`,
  );
  const remove = db.prepare('DELETE FROM health_snapshots WHERE id = ?');
  for (const [start, group] of bucketRows(rows, (r) => bucketStart(r.taken_at))) {
    const prior = existing.all(to, start) as DbRow[];
    const merged = foldRows([...prior, ...group].map(toHistory), start);
    for (const r of [...prior, ...group]) remove.run(r.id);
    insertRow(db, to, merged);
  }
  return rows.length;
}

/** Applies retention at `now`: raw → hourly → daily → dropped. One transaction. */
export function compactHistory(db: Db, now: Date): { folded: number; dropped: number } {
  const s = readSettings(db);
  const day = 86_400_000;
  const tz = s.timeZone;
  const hourStart = (iso: string) => `${new Date(iso).toISOString().slice(0, 13)}:00:00.000Z`;
  const dayStart = (iso: string) => {
    const p = zonedParts(new Date(iso), tz);
    return zonedInstant({ year: p.year, month: p.month, day: p.day }, tz).toISOString();
  };
  return db.transaction(() => {
    const folded =
      fold(
        db,
        'raw',
        'hour',
        new Date(now.getTime() - s['health.history.rawDays'] * day),
        hourStart,
      ) +
      fold(
        db,
        'hour',
        'day',
        new Date(now.getTime() - s['health.history.hourlyDays'] * day),
        dayStart,
      );
    const dropped = db
      .prepare('DELETE FROM health_snapshots WHERE taken_at < ?')
      .run(new Date(now.getTime() - s['health.history.dailyDays'] * day).toISOString()).changes;
    return { folded, dropped };
  })();
}

export interface HistoryEntry extends HistoryRow {
  resolution: Resolution;
  worst: string;
}

export function readHistory(db: Db, since?: Date): HistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT taken_at, resolution, samples, worst, items, time_quality FROM health_snapshots
       WHERE taken_at >= ? ORDER BY taken_at`,
    )
    .all(since ? since.toISOString() : '') as (DbRow & { resolution: Resolution; worst: string })[];
  return rows.map((r) => ({ ...toHistory(r), resolution: r.resolution, worst: r.worst }));
}

/**
 * The latest warn or fail of each health item since `since`, newest first: what the technician
 * console lists as recent problems. At most the 500 newest troubled snapshots are read.
 */
export function latestProblems(
  db: Db,
  since: Date,
): { at: string; id: string; grade: 'warn' | 'fail' }[] {
  const rows = db
    .prepare(
      `SELECT taken_at, items FROM health_snapshots
       WHERE taken_at >= ? AND worst IN ('warn', 'fail') ORDER BY taken_at DESC LIMIT 500`,
    )
    .all(since.toISOString()) as { taken_at: string; items: string }[];
  const latest = new Map<string, { at: string; id: string; grade: 'warn' | 'fail' }>();
  for (const row of rows) {
    for (const [id, , grade] of JSON.parse(row.items) as CompactItem[]) {
      if ((grade === 'warn' || grade === 'fail') && !latest.has(id)) {
        latest.set(id, { at: row.taken_at, id, grade });
      }
    }
  }
  return [...latest.values()];
}

/** A node-cron step expression for every `minutes` minutes. */
export function everyMinutes(minutes: number): string {
  return minutes >= 60 ? '0 * * * *' : `*/${minutes} * * * *`;
}

/**
 * One health snapshot: refresh the clock evidence (NTP where the OS reports it), read and grade,
 * store with the time's quality, then apply retention.
 */
export async function recordHealthSnapshot(
  db: Db,
  dataDir: string,
  clock: Clock,
  probe?: SystemProbe,
): Promise<HealthSnapshot> {
  await learnFromNtp(db).catch(() => false);
  const now = clock.now();
  const snapshot = await takeSnapshot({ db, dataDir, now, ...(probe ? { probe } : {}) });
  db.transaction(() => storeSnapshot(db, snapshot, timeQuality(db, now)))();
  compactHistory(db, now);
  return snapshot;
}

/** The `health-snapshot` job, its interval read from the setting when the runner builds it. */
export function healthSnapshotJob(db: Db, probe?: SystemProbe): JobDefinition {
  return {
    id: 'health-snapshot',
    // Probing the hardware takes seconds: the service must not wait for it to start answering.
    catchUpInBackground: true,
    schedule: everyMinutes(getSetting(db, 'health.snapshotMinutes')),
    run: async (ctx) => {
      await recordHealthSnapshot(ctx.db, ctx.dataDir, ctx.clock, probe);
    },
  };
}
