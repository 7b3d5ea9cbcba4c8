import type { HandlerContext, Handlers } from './handlers.js';
import { StationFailure } from '../errors.js';
import { readSettings } from '../settings/store.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import { SESSION_KINDS, isSessionKind } from '../attendance/kinds.js';
import { parseLocalStart } from '../schedule/expand.js';
import { judgeClock } from '../schedule/clock-guard.js';
import { addPlan, cancelOccurrence, listOccurrences, moveOccurrence } from '../schedule/plans.js';
import { loadHolidays } from '../schedule/holidays.js';
import { occurrenceToJson, windowOfDates } from '../schedule/present.js';
import { currentReminder } from '../schedule/reminders.js';
import { startPlannedSession } from '../schedule/start-planned.js';

type ScheduleHandlers = Pick<
  Handlers,
  | 'getReminder'
  | 'startPlannedSession'
  | 'listOccurrences'
  | 'addPlan'
  | 'moveOccurrence'
  | 'cancelOccurrence'
>;

/** Scheduling's RPC handlers: the kiosk's reminder banner and the organizer's calendar. */
export function createScheduleHandlers(ctx: HandlerContext): ScheduleHandlers {
  const { db, clock, grants } = ctx;
  const tz = () => readSettings(db).timeZone;
  const holidays = () => loadHolidays(ctx.dataDir);

  return {
    getReminder: () => {
      const now = clock.now();
      // A clock earlier than the records shows no reminder rather than a stale one.
      if (!judgeClock(db, now).trusted) return null;
      const r = currentReminder(db, now);
      if (!r) return null;
      return {
        stage: r.stage,
        occurrence: occurrenceToJson(r.occurrence, tz(), holidays()),
        now: isoWithOffset(now, tz()),
      };
    },

    startPlannedSession: ({ grant, planId, occurrenceStart }) => {
      grants.require(grant, 'organizer');
      return startPlannedSession(db, planId, occurrenceStart, tz(), clock.now());
    },

    listOccurrences: ({ grant, from, to }) => {
      grants.require(grant, 'organizer');
      const zone = tz();
      const table = holidays();
      return {
        occurrences: listOccurrences(db, windowOfDates(from, to, zone)).map((o) =>
          occurrenceToJson(o, zone, table),
        ),
      };
    },

    addPlan: ({ grant, kind, title, start, durationMinutes, rrule }) => {
      grants.require(grant, 'organizer');
      if (!isSessionKind(kind)) {
        throw new StationFailure('BAD_REQUEST', 'badKind', {
          kind,
          kinds: SESSION_KINDS.join(', '),
        });
      }
      const plan = addPlan(
        db,
        {
          kind,
          title,
          start: parseLocalStart(start, tz()),
          durationMinutes,
          recurrence: rrule ? { type: 'rrule', rrule } : { type: 'once' },
          by: 'kiosk:organizer',
        },
        clock.now(),
      );
      return { id: plan.id };
    },

    moveOccurrence: ({ grant, planId, occurrenceStart, to, reason }) => {
      grants.require(grant, 'organizer');
      const zone = tz();
      moveOccurrence(
        db,
        {
          planId,
          occurrenceStart: parseLocalStart(occurrenceStart, zone),
          to: parseLocalStart(to, zone),
          reason,
          by: 'kiosk:organizer',
        },
        clock.now(),
      );
    },

    cancelOccurrence: ({ grant, planId, occurrenceStart, reason }) => {
      grants.require(grant, 'organizer');
      cancelOccurrence(
        db,
        {
          planId,
          occurrenceStart: parseLocalStart(occurrenceStart, tz()),
          reason,
          by: 'kiosk:organizer',
        },
        clock.now(),
      );
    },
  };
}
