/**
 * Which stretches of a video were actually shown, from the player's timeupdate events: the media
 * time advances in small steps while playing; a seek, a pause or a jump breaks the range. Pure
 * (times are passed in), so it is table-tested without a browser. The station merges overlapping
 * ranges again, so a rewind watched twice counts once there.
 */

export type Range = [from: number, to: number];

/** timeupdate fires every 15–250 ms; a bigger step without a seek event is a jump, not viewing. */
export const MAX_STEP_SECONDS = 1.5;

export interface Stretch {
  /** Ranges of media time shown since the last take, merged and sorted. */
  ranges: Range[];
  /** Wall time since the first shown frame of this stretch (0 when nothing was shown). */
  elapsedMs: number;
}

export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Range[] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export class WatchedTracker {
  private closed: Range[] = [];
  private current: Range | null = null;
  private stretchStartMs: number | null = null;

  /** The media time while playing (not paused, not seeking), at wall time `nowMs`. */
  playedTo(mediaSeconds: number, nowMs: number): void {
    if (!Number.isFinite(mediaSeconds) || mediaSeconds < 0) return;
    this.stretchStartMs ??= nowMs;
    const c = this.current;
    if (c && mediaSeconds >= c[1] && mediaSeconds - c[1] <= MAX_STEP_SECONDS) {
      c[1] = mediaSeconds;
      return;
    }
    this.interrupt();
    this.current = [mediaSeconds, mediaSeconds];
  }

  /** A seek, pause, end or error: whatever comes next starts a new range. */
  interrupt(): void {
    if (this.current && this.current[1] > this.current[0]) this.closed.push(this.current);
    this.current = null;
  }

  /**
   * Hands over what was shown since the last take and starts a new stretch. A range still being
   * watched is split at its current end, so the next stretch carries on from there.
   */
  take(nowMs: number): Stretch {
    const open = this.current;
    const ranges = mergeRanges(
      open && open[1] > open[0] ? [...this.closed, [open[0], open[1]]] : this.closed,
    );
    const elapsedMs =
      ranges.length > 0 && this.stretchStartMs !== null
        ? Math.max(0, Math.round(nowMs - this.stretchStartMs))
        : 0;
    this.closed = [];
    if (open) open[0] = open[1];
    this.stretchStartMs = open ? nowMs : null;
    return { ranges, elapsedMs };
  }
}
