/**
 * Scheduling's part of the StationApi contract (issue 5): reminders for the kiosk banner, starting
 * a planned session from it, and the organizer's calendar. Spread into `contract` in contract.ts.
 */
import { z } from 'zod';
import { Grant, method } from './contract-method.js';

/** ISO 8601 with an offset, or a local time 'YYYY-MM-DDTHH:MM' in the station's zone. */
const Time = z.string().min(16).max(40);
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export type ReminderStage = 'day-before' | 'hour-before' | 'start';

export interface OccurrenceView {
  start: string;
  end: string;
  planId: number;
  kind: string;
  title: string;
  status: 'scheduled' | 'moved' | 'cancelled';
  originalStart: string;
  reason: string | null;
  courseIds: string[];
  blockDay: number | null;
  holiday: string | null;
  workdaySwap: string | null;
}

export interface ReminderView {
  stage: ReminderStage;
  occurrence: OccurrenceView;
  /** The station's now, ISO with offset, for the countdown. */
  now: string;
}

/** What is due, in short, for the home screen (the full list: `station schedule due`). */
export interface DueSummary {
  month: { month: string; status: 'held' | 'planned' | 'due' };
  winterSpring: {
    season: string;
    inSeason: boolean;
    status: 'held' | 'planned' | 'due' | 'not-in-season';
  };
  partyLecture: { year: number; status: 'held' | 'planned' | 'due' };
  newMembers: { due: number; warn: number; overdue: number };
  mobileMembersDue: number;
  missedMonths: string[];
  clockTrusted: boolean;
}

export const scheduleMethods = {
  getReminder: method<ReminderView | null>()(z.object({}).strict()),
  startPlannedSession: method<{ sessionId: number; title: string; alreadyStarted: boolean }>()(
    z.object({ grant: Grant, planId: z.number().int().positive(), occurrenceStart: Time }).strict(),
  ),
  listOccurrences: method<{ occurrences: OccurrenceView[] }>()(
    z.object({ grant: Grant, from: LocalDate, to: LocalDate }).strict(),
  ),
  addPlan: method<{ id: number }>()(
    z
      .object({
        grant: Grant,
        kind: z.string().min(1).max(30),
        title: z.string().trim().min(1).max(80),
        start: Time,
        durationMinutes: z.number().int(),
        rrule: z.string().max(200).optional(),
      })
      .strict(),
  ),
  moveOccurrence: method<void>()(
    z
      .object({
        grant: Grant,
        planId: z.number().int().positive(),
        occurrenceStart: Time,
        to: Time,
        reason: z.string().trim().min(1).max(100),
      })
      .strict(),
  ),
  cancelOccurrence: method<void>()(
    z
      .object({
        grant: Grant,
        planId: z.number().int().positive(),
        occurrenceStart: Time,
        reason: z.string().trim().min(1).max(100),
      })
      .strict(),
  ),
};
