/**
 * Whether the station's clock can be believed (DOMAIN: cheap terminals lose the time at every
 * power cut and wake up in 2000-01-01). Pure: the evidence, the clock reading and the monotonic
 * reading are all arguments.
 *
 * - A fresh install, with no evidence at all, trusts the system clock.
 * - A clock earlier than the latest time the station has already recorded is untrusted.
 * - Within the same boot, a good source's time plus the monotonic time elapsed since gives the
 *   expected time; a clock too far ahead of it (or behind it) is untrusted.
 * - After a reboot the monotonic clock restarts, so a good source's time is only a lower bound.
 */
export interface GoodTime {
  /** The good time (ms since epoch) learned from the source. */
  at: number;
  /** The monotonic clock (ms) at that moment, and the boot it belongs to. */
  monoMs: number;
  boot: string | null;
  source: string;
}

export interface ClockEvidence {
  /** The latest time (ms) the station has recorded while trusted; null on a fresh install. */
  highWaterAt: number | null;
  good: GoodTime | null;
}

export interface MonotonicReading {
  monoMs: number;
  /** An id that changes at every boot (Linux: /proc/sys/kernel/random/boot_id); null if unknown. */
  boot: string | null;
}

export type ClockReason =
  | 'fresh-install'
  | 'consistent'
  | 'agrees-with-source'
  | 'behind-last-record'
  | 'behind-source'
  | 'ahead-of-source';

export interface ClockAssessment {
  trusted: boolean;
  reason: ClockReason;
  /** What the time should be by the good source and the monotonic clock, when known. */
  expectedAt: number | null;
  /** The time the clock may not fall behind. */
  lowerBoundAt: number | null;
}

/** The good source's time carried forward by the monotonic clock, if still in the same boot. */
export function expectedTime(good: GoodTime | null, reading: MonotonicReading): number | null {
  if (!good || good.boot === null || reading.boot === null || good.boot !== reading.boot) {
    return null;
  }
  const elapsed = reading.monoMs - good.monoMs;
  return elapsed >= 0 ? good.at + elapsed : null;
}

export function assessClock(
  evidence: ClockEvidence,
  nowMs: number,
  reading: MonotonicReading,
  maxDriftMs: number,
): ClockAssessment {
  const expectedAt = expectedTime(evidence.good, reading);
  const bounds = [evidence.highWaterAt, evidence.good?.at ?? null].filter(
    (v): v is number => v !== null,
  );
  const lowerBoundAt = bounds.length ? Math.max(...bounds) : null;
  const base = { expectedAt, lowerBoundAt };
  // A good source carried forward by the monotonic clock is the strongest evidence there is.
  if (expectedAt !== null) {
    if (nowMs > expectedAt + maxDriftMs)
      return { ...base, trusted: false, reason: 'ahead-of-source' };
    if (nowMs < expectedAt - maxDriftMs)
      return { ...base, trusted: false, reason: 'behind-source' };
    return { ...base, trusted: true, reason: 'agrees-with-source' };
  }
  if (lowerBoundAt !== null && nowMs < lowerBoundAt - maxDriftMs) {
    return { ...base, trusted: false, reason: 'behind-last-record' };
  }
  if (lowerBoundAt === null) return { ...base, trusted: true, reason: 'fresh-install' };
  return { ...base, trusted: true, reason: 'consistent' };
}
