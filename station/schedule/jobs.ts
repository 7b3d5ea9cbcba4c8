/**
 * Scheduling's periodic jobs, run by station/jobs/runner.ts. They hold no rules: the rules are
 * in domain/obligations.ts and reminders.ts.
 */
import type { JobDefinition } from '../jobs/job.js';
import { recordEndedMissedMonths } from './due.js';
import { logReminders } from './reminders.js';

/** Records months that ended without a collective study (once each). Hourly, and on catch-up. */
export const obligationsJob: JobDefinition = {
  id: 'schedule-obligations',
  schedule: '5 * * * *',
  run: ({ db, clock }) => {
    recordEndedMissedMonths(db, clock.now());
  },
};

/** Records the reminder stage each upcoming session is in; stale stages are dropped. */
export const remindersJob: JobDefinition = {
  id: 'schedule-reminders',
  schedule: '* * * * *',
  run: ({ db, clock }) => {
    logReminders(db, clock.now());
  },
};

export const SCHEDULE_JOBS: readonly JobDefinition[] = [obligationsJob, remindersJob];
