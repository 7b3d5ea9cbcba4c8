/**
 * Reminders for the kiosk: a banner the day before, one hour before, and at start time (with a
 * sound). What is showing is computed from the occurrences and now, so it is right whenever the
 * screen asks; the reminders job records each stage once ('shown', or 'dropped' when the station
 * was off through it), so a restart or a catch-up never replays a stale reminder.
 */
import type { Db } from '../db/open.js';
import type { Occurrence } from './expand.js';
import { upcomingOccurrences } from './plans.js';

export const REMINDER_STAGES = ['day-before', 'hour-before', 'start'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

const HOUR = 3_600_000;
/** How long the start banner stays up (or until the session ends, if sooner). */
export const START_BANNER_MS = 15 * 60_000;

export function stageAt(o: Pick<Occurrence, 'start' | 'end'>, now: Date): ReminderStage | null {
  const until = o.start.getTime() - now.getTime();
  if (until <= 0) {
    const shownUntil = Math.min(o.end.getTime(), o.start.getTime() + START_BANNER_MS);
    return now.getTime() < shownUntil ? 'start' : null;
  }
  if (until <= HOUR) return 'hour-before';
  if (until <= 24 * HOUR) return 'day-before';
  return null;
}

export interface ActiveReminder {
  occurrence: Occurrence;
  stage: ReminderStage;
}

/** The reminder to show now: the nearest occurrence in a reminder stage, if any. */
export function currentReminder(db: Db, now: Date): ActiveReminder | null {
  for (const occurrence of upcomingOccurrences(db, now, 2)) {
    const stage = stageAt(occurrence, now);
    if (stage) return { occurrence, stage };
  }
  return null;
}

/**
 * Records the current stage of each occurrence as shown, and any earlier stage it never showed
 * (the station was off) as dropped. Returns what it recorded.
 */
export function logReminders(db: Db, now: Date): { shown: string[]; dropped: string[] } {
  const insert = db.prepare(
    `INSERT INTO reminder_log (plan_id, occurrence_start, stage, outcome, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const shown: string[] = [];
  const dropped: string[] = [];
  db.transaction(() => {
    for (const o of upcomingOccurrences(db, now, 2)) {
      const stage = stageAt(o, now);
      if (!stage) continue;
      const key = `${o.planId}@${o.originalStart.toISOString()}`;
      for (const s of REMINDER_STAGES) {
        const outcome = s === stage ? 'shown' : 'dropped';
        const r = insert.run(
          o.planId,
          o.originalStart.toISOString(),
          s,
          outcome,
          now.toISOString(),
        );
        if (r.changes === 1) (outcome === 'shown' ? shown : dropped).push(`${key}:${s}`);
        if (s === stage) break;
      }
    }
  })();
  return { shown, dropped };
}
