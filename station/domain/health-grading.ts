/**
 * How each health reading is graded: pure functions of the reading and the county's thresholds
 * (settings `health.*`, *policy*). A reading that could not be taken is `unknown`, never `fail`:
 * a headless box with no display sensor is not a broken display.
 */
import type { Grade } from '../../common/contract.js';

export interface HealthThresholds {
  cpuWarnPercent: number;
  cpuFailPercent: number;
  memoryWarnPercent: number;
  memoryFailPercent: number;
  diskWarnFreeBytes: number;
  diskFailFreeBytes: number;
  temperatureWarnCelsius: number;
  temperatureFailCelsius: number;
  displayMinWidth: number;
  hubWarnLatencyMs: number;
  databaseWarnBytes: number;
  syncWarnDays: number;
  syncFailDays: number;
  uploadWarnDays: number;
  uploadFailDays: number;
}

const GRADE_ORDER: Record<Grade, number> = { ok: 0, unknown: 1, warn: 2, fail: 3 };

/** The worse of two grades; `unknown` sits between ok and warn (not known to be fine). */
export function worse(a: Grade, b: Grade): Grade {
  return GRADE_ORDER[a] >= GRADE_ORDER[b] ? a : b;
}

export function worstOf(grades: Iterable<Grade>): Grade {
  let out: Grade = 'ok';
  for (const g of grades) out = worse(out, g);
  return out;
}

/** Higher is worse (load, memory use, temperature). */
export function gradeHigh(value: number | null | undefined, warn: number, fail: number): Grade {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unknown';
  if (value >= fail) return 'fail';
  if (value >= warn) return 'warn';
  return 'ok';
}

/** Lower is worse (free disk space). */
export function gradeLow(value: number | null | undefined, warn: number, fail: number): Grade {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unknown';
  if (value < fail) return 'fail';
  if (value < warn) return 'warn';
  return 'ok';
}

/**
 * Age of the last successful sync or upload. Never having done one is unknown: a station that has
 * no hub yet is not failing to sync.
 */
export function gradeAge(last: Date | null, now: Date, warnDays: number, failDays: number): Grade {
  if (!last) return 'unknown';
  const days = (now.getTime() - last.getTime()) / 86_400_000;
  return gradeHigh(Math.max(0, days), warnDays, failDays);
}

export function gradeDisplays(
  displays: readonly { width: number | null; height: number | null }[] | null,
  minWidth: number,
): Grade {
  // No display reported: a headless box, or a driver that does not say. Unknown, not fail.
  if (!displays || displays.length === 0) return 'unknown';
  const widths = displays.map((d) => d.width).filter((w): w is number => !!w && w > 0);
  if (widths.length === 0) return 'ok';
  return Math.max(...widths) < minWidth ? 'warn' : 'ok';
}

export function gradeAudio(outputs: number | null): Grade {
  if (outputs === null || outputs === 0) return 'unknown';
  return 'ok';
}

export function gradeNetwork(upInterfaces: number | null): Grade {
  if (upInterfaces === null) return 'unknown';
  return upInterfaces > 0 ? 'ok' : 'fail';
}

export type HubReach =
  | { state: 'not-configured' }
  | { state: 'reachable'; latencyMs: number; status: number }
  | { state: 'unreachable'; reason: string };

export function gradeHub(reach: HubReach, warnLatencyMs: number): Grade {
  if (reach.state === 'not-configured') return 'unknown';
  if (reach.state === 'unreachable') return 'fail';
  if (reach.status >= 500) return 'warn';
  return reach.latencyMs > warnLatencyMs ? 'warn' : 'ok';
}

export function gradeDatabase(bytes: number | null, integrity: string | null, warnBytes: number) {
  if (integrity !== null && integrity !== 'ok') return 'fail' as Grade;
  if (bytes === null) return 'unknown' as Grade;
  return (bytes > warnBytes ? 'warn' : 'ok') as Grade;
}

export function gradeContent(files: number | null): Grade {
  if (files === null) return 'unknown';
  // No course on a station that exists to play courses: worth a technician's look.
  return files === 0 ? 'warn' : 'ok';
}
