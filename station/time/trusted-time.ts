/**
 * Trusted time: the station keeps the latest time it has recorded, the last good time learned
 * from a source together with the monotonic clock at that moment, and an offset a technician's
 * correction applies. `timeQuality` decides the flag new records carry; the rule itself is the
 * pure station/domain/clock-trust.ts.
 *
 * Good sources: the HTTP `Date` header of the county's servers (content sync and hub upload call
 * `learnFromHttpDate` with every response), NTP where the OS reports it is synchronised
 * (`timedatectl`), and a technician setting the time from a URL or by hand.
 *
 * A correction does not change the operating system's clock: the station applies the recorded
 * offset to its own clock (`createStationClock`). Setting the OS clock needs root, changes the
 * time under every other program, and on a box without an RTC battery is lost at the next power
 * cut anyway; the offset is contained, reversible and recorded. `station time set --system-clock`
 * does call `date -s` as well, but only when running as root and asked to.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { Db } from '../db/open.js';
import { cachedStatement } from '../db/statements.js';
import {
  assessClock,
  type ClockAssessment,
  type ClockEvidence,
  type MonotonicReading,
} from '../domain/clock-trust.js';
import { StationFailure } from '../errors.js';
import { getSetting } from '../settings/store.js';

export type TimeQuality = 'trusted' | 'untrusted';

let bootId: string | null | undefined;

/** The kernel's per-boot id: monotonic readings compare only within one boot. */
function readBootId(): string | null {
  if (bootId === undefined) {
    try {
      bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootId = null; // not Linux: good times then only serve as a lower bound
    }
  }
  return bootId;
}

/** CLOCK_MONOTONIC (since boot on Linux, shared by all processes), in milliseconds. */
export function readMonotonic(): MonotonicReading {
  return { monoMs: Number(process.hrtime.bigint() / 1000n) / 1000, boot: readBootId() };
}

interface StateRow {
  high_water_at: string | null;
  good_at: string | null;
  good_mono_ms: number | null;
  good_boot: string | null;
  good_source: string | null;
  learned_at: string | null;
  offset_ms: number;
  offset_set_at: string | null;
  offset_source: string | null;
}

function stateRow(db: Db): StateRow {
  const row = cachedStatement(db, 'SELECT * FROM clock_state WHERE id = 1').get() as
    StateRow | undefined;
  if (row) return row;
  db.prepare('INSERT OR IGNORE INTO clock_state (id) VALUES (1)').run();
  return stateRow(db);
}

const ms = (iso: string | null) => (iso ? Date.parse(iso) : null);

/**
 * Until anything has been stamped through `timeQuality`, the settings written at set-up (the
 * terminal id, the set-up date) are the latest thing the station recorded.
 */
function settingsHighWater(db: Db): number | null {
  const at = db
    .prepare("SELECT max(updated_at) FROM settings WHERE updated_at LIKE '____-__-__T%'")
    .pluck()
    .get() as string | null;
  const v = at ? Date.parse(at) : NaN;
  return Number.isFinite(v) ? v : null;
}

export function readClockEvidence(db: Db): ClockEvidence {
  const r = stateRow(db);
  const goodAt = ms(r.good_at);
  return {
    highWaterAt: ms(r.high_water_at) ?? settingsHighWater(db),
    good:
      goodAt !== null && r.good_mono_ms !== null
        ? { at: goodAt, monoMs: r.good_mono_ms, boot: r.good_boot, source: r.good_source ?? '' }
        : null,
  };
}

export interface ClockStatus extends ClockAssessment {
  now: string;
  offsetMs: number;
  offsetSetAt: string | null;
  offsetSource: string | null;
  lastGoodSource: string | null;
  lastGoodAt: string | null;
}

/** The clock's state for the console and `station health`, without writing anything. */
export function clockStatus(
  db: Db,
  now: Date,
  reading: MonotonicReading = readMonotonic(),
): ClockStatus {
  const r = stateRow(db);
  const a = assessClock(
    readClockEvidence(db),
    now.getTime(),
    reading,
    getSetting(db, 'time.maxDriftMinutes') * 60_000,
  );
  return {
    ...a,
    now: now.toISOString(),
    offsetMs: r.offset_ms,
    offsetSetAt: r.offset_set_at,
    offsetSource: r.offset_source,
    lastGoodSource: r.good_source,
    lastGoodAt: r.good_at,
  };
}

/**
 * The flag a record stamped `now` carries. A trusted `now` also raises the high-water mark, so
 * a clock that later falls back behind it (2000-01-01 after a power cut) is caught.
 */
export function timeQuality(
  db: Db,
  now: Date,
  reading: MonotonicReading = readMonotonic(),
): TimeQuality {
  const a = assessClock(
    readClockEvidence(db),
    now.getTime(),
    reading,
    getSetting(db, 'time.maxDriftMinutes') * 60_000,
  );
  if (!a.trusted) return 'untrusted';
  const at = now.toISOString();
  cachedStatement(
    db,
    `UPDATE clock_state SET high_water_at = ?
     WHERE id = 1 AND (high_water_at IS NULL OR high_water_at < ?)`,
  ).run(at, at);
  stateRow(db);
  return 'trusted';
}

export type GoodSource = 'http-date' | 'ntp' | 'technician-url' | 'technician-manual';

/**
 * Records a good time. The high-water mark is reset to it: a good source also forgives a clock
 * that once ran ahead and pushed the mark into the future.
 */
export function learnGoodTime(
  db: Db,
  good: { at: Date; source: GoodSource; reading?: MonotonicReading },
  learnedAt: Date = systemClock.now(),
): void {
  const reading = good.reading ?? readMonotonic();
  stateRow(db);
  db.prepare(
    `UPDATE clock_state SET good_at = ?, good_mono_ms = ?, good_boot = ?, good_source = ?,
       learned_at = ?, high_water_at = ? WHERE id = 1`,
  ).run(
    good.at.toISOString(),
    reading.monoMs,
    reading.boot,
    good.source,
    learnedAt.toISOString(),
    good.at.toISOString(),
  );
}

/**
 * Call with the `Date` header of every response from the county's servers (content sync, hub
 * upload, the health probe). `reading` is the monotonic clock when the response arrived. The
 * header has whole seconds, so half a second is added. Returns whether a time was learned.
 */
export function learnFromHttpDate(
  db: Db,
  dateHeader: string | null | undefined,
  reading: MonotonicReading = readMonotonic(),
): boolean {
  if (!dateHeader) return false;
  const at = Date.parse(dateHeader);
  // A server whose own clock says before 2020 is no good source either.
  if (!Number.isFinite(at) || at < Date.UTC(2020, 0, 1)) return false;
  learnGoodTime(db, { at: new Date(at + 500), source: 'http-date', reading });
  return true;
}

/** `timedatectl show -p NTPSynchronized --value` → true/false; null where it cannot say. */
export function ntpSynchronized(timeoutMs = 2000): Promise<boolean | null> {
  return new Promise((resolve) => {
    try {
      execFile(
        'timedatectl',
        ['show', '-p', 'NTPSynchronized', '--value'],
        { timeout: timeoutMs, encoding: 'utf8' },
        (err, stdout) => {
          if (err) return resolve(null);
          const v = stdout.trim();
          resolve(v === 'yes' ? true : v === 'no' ? false : null);
        },
      );
    } catch {
      resolve(null);
    }
  });
}

/**
 * Where the OS says NTP is synchronised, the system clock is a good source: learn it, and drop
 * any offset a technician applied (the OS clock is right now, so an offset would be wrong).
 */
export async function learnFromNtp(
  db: Db,
  rawSystemClock: Clock = systemClock,
  check: () => Promise<boolean | null> = () => ntpSynchronized(),
): Promise<boolean> {
  if ((await check()) !== true) return false;
  const now = rawSystemClock.now();
  learnGoodTime(db, { at: now, source: 'ntp' }, now);
  db.prepare(
    "UPDATE clock_state SET offset_ms = 0, offset_set_at = ?, offset_source = 'ntp' WHERE id = 1",
  ).run(now.toISOString());
  return true;
}

/** The offset the station applies to the system clock (0 unless a technician corrected it). */
export function clockOffsetMs(db: Db): number {
  return stateRow(db).offset_ms;
}

/**
 * The station's clock: the system clock plus the recorded correction. `refresh` re-reads the
 * offset after a correction made in this process.
 */
export function createStationClock(
  db: Db,
  base: Clock = systemClock,
): Clock & { refresh(): void; base: Clock } {
  let offset = clockOffsetMs(db);
  return {
    base,
    now: () => new Date(base.now().getTime() + offset),
    refresh: () => {
      offset = clockOffsetMs(db);
    },
  };
}

export interface TimeCorrection {
  goodAt: string;
  offsetMs: number;
  source: GoodSource;
}

/** Stores a technician's correction: the good time now, and the offset from the system clock. */
export function applyCorrection(
  db: Db,
  goodAt: Date,
  source: 'technician-url' | 'technician-manual',
  rawSystemNow: Date,
  reading: MonotonicReading = readMonotonic(),
): TimeCorrection {
  const offsetMs = Math.round(goodAt.getTime() - rawSystemNow.getTime());
  db.transaction(() => {
    learnGoodTime(db, { at: goodAt, source, reading }, rawSystemNow);
    db.prepare(
      'UPDATE clock_state SET offset_ms = ?, offset_set_at = ?, offset_source = ? WHERE id = 1',
    ).run(offsetMs, goodAt.toISOString(), source);
  })();
  return { goodAt: goodAt.toISOString(), offsetMs, source };
}

/**
 * Asks a good source (the hub, or any HTTPS server the technician trusts) for the time: the
 * response's `Date`, plus half the round trip and half a second for the header's whole seconds.
 */
export async function fetchGoodTime(
  url: string,
  timeoutMs: number,
): Promise<{ at: Date; reading: MonotonicReading }> {
  const sent = readMonotonic();
  let response: Response;
  try {
    response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const detail =
      err instanceof Error
        ? ((err.cause as Error | undefined)?.message ?? err.message)
        : String(err);
    throw new StationFailure('UNAVAILABLE', 'timeSourceUnreachable', { url, detail });
  }
  const received = readMonotonic();
  const header = response.headers.get('date');
  const at = header ? Date.parse(header) : NaN;
  if (!Number.isFinite(at) || at < Date.UTC(2020, 0, 1)) {
    throw new StationFailure('UNAVAILABLE', 'timeSourceNoDate', { url });
  }
  const halfTrip = Math.max(0, received.monoMs - sent.monoMs) / 2;
  return { at: new Date(at + 500 + halfTrip), reading: received };
}

/** `station time set --from-url URL` and the console's "correct the time" (from the hub). */
export async function setTimeFromUrl(
  db: Db,
  url: string,
  rawSystemClock: Clock = systemClock,
): Promise<TimeCorrection> {
  const { at, reading } = await fetchGoodTime(url, getSetting(db, 'health.probeTimeoutMs'));
  return applyCorrection(db, at, 'technician-url', rawSystemClock.now(), reading);
}
