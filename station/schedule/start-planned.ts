/**
 * Starting the session of a planned occurrence (the kiosk's reminder banner, "start now"). The
 * rules live here, not in the RPC handler: the clock must be trusted, the occurrence must exist
 * and not be cancelled, and a second press gets the session the first one opened.
 */
import { startSession } from '../attendance/sessions.js';
import type { Db } from '../db/open.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import { StationFailure } from '../errors.js';
import { judgeClock } from './clock-guard.js';
import { expandPlan, parseLocalStart } from './expand.js';
import { getPlan } from './plans.js';

export function startPlannedSession(
  db: Db,
  planId: number,
  occurrenceStart: string,
  timeZone: string,
  now: Date,
): { sessionId: number; title: string; alreadyStarted: boolean } {
  // A session stamped by a clock that reads earlier than the records would land in the past
  // (or in 2000) and could duplicate one already held: refused until the clock is set.
  const verdict = judgeClock(db, now);
  if (!verdict.trusted) {
    throw new StationFailure('CONFLICT', 'clockUntrusted', {
      now: now.toISOString(),
      highWater: verdict.highWater?.toISOString() ?? '',
    });
  }
  const plan = getPlan(db, planId);
  const at = parseLocalStart(occurrenceStart, timeZone);
  const occurrence = expandPlan(
    plan,
    { from: new Date(at.getTime() - 1), to: new Date(at.getTime() + 1) },
    timeZone,
  ).find((o) => o.start.getTime() === at.getTime() && o.status !== 'cancelled');
  if (!occurrence) {
    throw new StationFailure('NOT_FOUND', 'occurrenceNotFound', {
      title: plan.title,
      at: isoWithOffset(at, timeZone),
    });
  }
  // One press, one session: a second press (or a second kiosk tab) gets the same session.
  const open = db
    .prepare(
      `SELECT id FROM study_sessions WHERE kind = ? AND title = ? AND ended_at IS NULL
         AND started_at >= ? AND started_at <= ? ORDER BY id LIMIT 1`,
    )
    .get(
      plan.kind,
      plan.title,
      new Date(occurrence.start.getTime() - 2 * 3_600_000).toISOString(),
      occurrence.end.toISOString(),
    ) as { id: number } | undefined;
  if (open) return { sessionId: open.id, title: plan.title, alreadyStarted: true };
  const started = startSession(
    db,
    { kind: plan.kind, title: plan.title, at: now, by: 'kiosk:organizer' },
    now,
  );
  return { sessionId: started.id, title: plan.title, alreadyStarted: false };
}
