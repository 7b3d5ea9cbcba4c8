import os from 'node:os';
import { StationFailure } from '../../errors.js';
import { readSettings } from '../../settings/store.js';
import { isoWithOffset } from '../../domain/zoned-time.js';
import { SESSION_KINDS, isSessionKind } from '../../attendance/kinds.js';
import { parseLocalStart, type Recurrence } from '../../schedule/expand.js';
import {
  addPlan,
  cancelOccurrence,
  listOccurrences,
  moveOccurrence,
  removePlan,
} from '../../schedule/plans.js';
import { dueReport, dueToJson } from '../../schedule/due.js';
import { occurrenceToJson, planToJson, windowOfDates } from '../../schedule/present.js';
import { loadHolidays } from '../../schedule/holidays.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';
import { withStation } from '../station-db.js';

const required = (value: string | undefined, name: string): string => {
  if (value === undefined || value.trim() === '') throw new UsageError('cli.missingArg', { name });
  return value;
};

function planIdOf(text: string | undefined): number {
  const v = required(text, 'PLAN');
  if (!/^\d+$/.test(v)) throw new StationFailure('NOT_FOUND', 'planNotFound', { id: v });
  return Number(v);
}

const OPTIONS = {
  kind: { type: 'string' },
  title: { type: 'string' },
  start: { type: 'string' },
  duration: { type: 'string' },
  rrule: { type: 'string' },
  dates: { type: 'string' },
  days: { type: 'string' },
  course: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  at: { type: 'string' },
  reason: { type: 'string' },
  by: { type: 'string' },
} as const;

/**
 * `station schedule add|list|move|cancel|due`:
 *   add --kind KIND --title TEXT --start ISO --duration MINUTES [--rrule RRULE | --dates D,D | --days N] [--course ID]…
 *   list --from DATE --to DATE            (dates inclusive, local; or ISO instants)
 *   move PLAN --at OCCURRENCE_START --to ISO --reason TEXT
 *   cancel PLAN --at OCCURRENCE_START --reason TEXT
 *   remove PLAN --reason TEXT             (a plan entered by mistake; kept, marked removed)
 *   due
 */
export async function scheduleCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS, 2);
  const [action, planText] = positionals;
  const by = values.by ?? `cli:${os.userInfo().username}`;
  const out = (json: unknown, text: string) => io.stdout(values.json ? JSON.stringify(json) : text);
  return withStation(values.data, io.env, (db, dataDir, clock) => {
    const tz = readSettings(db).timeZone;
    switch (action) {
      case 'add': {
        const kind = required(values.kind, '--kind');
        if (!isSessionKind(kind)) {
          throw new StationFailure('BAD_REQUEST', 'badKind', {
            kind,
            kinds: SESSION_KINDS.join(', '),
          });
        }
        const title = required(values.title, '--title').trim();
        const start = parseLocalStart(required(values.start, '--start'), tz);
        const durationText = required(values.duration, '--duration');
        const duration = /^\d+$/.test(durationText) ? Number(durationText) : Number.NaN;
        const chosen = [values.rrule, values.dates, values.days].filter((v) => v !== undefined);
        if (chosen.length > 1) throw new StationFailure('BAD_REQUEST', 'recurrenceConflict');
        const recurrence: Recurrence =
          values.rrule !== undefined
            ? { type: 'rrule', rrule: values.rrule }
            : values.dates !== undefined
              ? { type: 'dates', dates: values.dates.split(',').map((d) => d.trim()) }
              : values.days !== undefined
                ? {
                    type: 'block',
                    days: /^\d+$/.test(values.days) ? Number(values.days) : Number.NaN,
                  }
                : { type: 'once' };
        if (Number.isNaN(duration)) {
          throw new StationFailure('BAD_REQUEST', 'durationInvalid', {
            value: durationText,
            max: 1440,
          });
        }
        const plan = addPlan(
          db,
          {
            kind,
            title,
            courseIds: values.course ?? [],
            start,
            durationMinutes: duration,
            recurrence,
            by,
          },
          clock.now(),
        );
        out(planToJson(plan, tz), t('schedule.added', { id: plan.id, title: plan.title }));
        return 0;
      }
      case 'list': {
        const window = windowOfDates(
          required(values.from, '--from'),
          required(values.to, '--to'),
          tz,
        );
        const holidays = loadHolidays(dataDir);
        const occurrences = listOccurrences(db, window).map((o) =>
          occurrenceToJson(o, tz, holidays),
        );
        const lines = occurrences.map(
          (o) =>
            `${o.start}  #${o.planId} ${o.title} (${o.kind}) ${t(`schedule.status.${o.status}`)}` +
            (o.reason ? ` ${o.reason}` : '') +
            (o.holiday ? ` [${t('schedule.holiday', { name: o.holiday })}]` : ''),
        );
        out({ occurrences }, lines.length ? lines.join('\n') : t('schedule.none'));
        return 0;
      }
      case 'move':
      case 'cancel': {
        const planId = planIdOf(planText);
        const at = parseLocalStart(required(values.at, '--at'), tz);
        const reason = required(values.reason, '--reason');
        const now = clock.now();
        const plan =
          action === 'move'
            ? moveOccurrence(
                db,
                {
                  planId,
                  occurrenceStart: at,
                  to: parseLocalStart(required(values.to, '--to'), tz),
                  reason,
                  by,
                },
                now,
              )
            : cancelOccurrence(db, { planId, occurrenceStart: at, reason, by }, now);
        const text =
          action === 'move'
            ? t('schedule.moved', {
                from: isoWithOffset(at, tz),
                to: isoWithOffset(parseLocalStart(values.to!, tz), tz),
              })
            : t('schedule.cancelled', { at: isoWithOffset(at, tz) });
        out(planToJson(plan, tz), text);
        return 0;
      }
      case 'remove': {
        const planId = planIdOf(planText);
        const reason = required(values.reason, '--reason');
        const plan = removePlan(db, { planId, reason, by }, clock.now());
        out(planToJson(plan, tz), t('schedule.removed', { id: plan.id, title: plan.title }));
        return 0;
      }
      case 'due': {
        const report = dueToJson(dueReport(db, clock.now()), tz);
        const st = (s: string) => t(`schedule.obligation.${s}`);
        const lines = [
          ...(report.clock.trusted
            ? []
            : [t('schedule.dueClockUntrusted', { highWater: report.clock.highWater ?? '' })]),
          t('schedule.dueMonth', { month: report.month.month, status: st(report.month.status) }),
          t('schedule.dueWinterSpring', {
            season: report.winterSpring.season,
            status: st(report.winterSpring.status),
          }),
          t('schedule.duePartyLecture', {
            year: report.partyLecture.year,
            status: st(report.partyLecture.status),
          }),
          ...report.newMembers.map((m) =>
            t('schedule.dueNewMember', {
              name: m.name,
              status: t(`schedule.memberStatus.${m.status}`),
              deadline: m.deadline,
            }),
          ),
          ...report.mobileMembers.map((m) =>
            t('schedule.dueMobile', {
              name: m.name,
              status: t(`schedule.memberStatus.${m.status}`),
            }),
          ),
          t('schedule.dueMissed', { months: report.missedMonths.join(', ') || '—' }),
        ];
        out(report, lines.join('\n'));
        return 0;
      }
      default:
        throw new UsageError('cli.unknownCommand', { command: `schedule ${action ?? ''}`.trim() });
    }
  });
}
