import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../clock.js';
import type { Db } from '../../db/open.js';
import { StationFailure } from '../../errors.js';
import { readSettings } from '../../settings/store.js';
import { isoWithOffset, parseIsoWithOffset } from '../../domain/zoned-time.js';
import { SESSION_KINDS, isSessionKind } from '../../attendance/kinds.js';
import { findMember } from '../../attendance/member-lookup.js';
import {
  checkIn,
  checkOut,
  correctAttendance,
  endSession,
  getSession,
  recordExcused,
  startSession,
} from '../../attendance/sessions.js';
import { hoursReport } from '../../attendance/hours-report.js';
import { complianceReport } from '../../attendance/compliance-report.js';
import { complianceText } from './compliance-text.js';
import { recordExternalHours } from '../../attendance/external-hours.js';
import { parseRosterDate } from '../../members/import/dates.js';
import { withStation } from '../station-db.js';
import {
  parseCommand,
  sessionIdArg,
  UsageError,
  yearArg,
  type CommandContext,
  type Options,
} from '../context.js';
import { attendanceExportCommand } from './export.js';
import { EXPORT_FORMATS, isExportFormat } from '../../exports/attendance-export.js';
import { exportCompliance } from '../../exports/compliance-export.js';

const BY = { by: { type: 'string' } } as const satisfies Options;

function who(by: string | undefined): string {
  return by ?? `cli:${os.userInfo().username}`;
}

function timeOf(text: string | undefined): Date {
  if (text === undefined) return systemClock.now();
  const d = parseIsoWithOffset(text);
  if (!d) throw new StationFailure('BAD_REQUEST', 'badTime', { value: text });
  return d;
}

/** `station session start --kind KIND --title TEXT [--at ISO]` and `station session end ID [--at ISO]`. */
export async function sessionCommand({ args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { kind: { type: 'string' }, title: { type: 'string' }, at: { type: 'string' }, ...BY },
    2,
  );
  const [action, id] = positionals;
  return withStation(values.data, io.env, (db) => {
    const tz = readSettings(db).timeZone;
    const show = (s: ReturnType<typeof getSession>) => ({
      ...s,
      startedAt: isoWithOffset(new Date(s.startedAt), tz),
      endedAt: s.endedAt ? isoWithOffset(new Date(s.endedAt), tz) : null,
    });
    if (action === 'start') {
      if (!values.kind) throw new UsageError('cli.missingArg', { name: '--kind' });
      if (!isSessionKind(values.kind)) {
        throw new StationFailure('BAD_REQUEST', 'badKind', {
          kind: values.kind,
          kinds: SESSION_KINDS.join(', '),
        });
      }
      if (!values.title?.trim()) throw new UsageError('cli.missingArg', { name: '--title' });
      const s = startSession(
        db,
        {
          kind: values.kind,
          title: values.title.trim(),
          at: timeOf(values.at),
          by: who(values.by),
        },
        systemClock.now(),
      );
      io.stdout(values.json ? JSON.stringify(show(s)) : String(s.id));
      return 0;
    }
    if (action === 'end') {
      const s = endSession(db, sessionIdArg(id), timeOf(values.at), who(values.by));
      io.stdout(values.json ? JSON.stringify(show(s)) : String(s.id));
      return 0;
    }
    throw new UsageError('cli.unknownCommand', { command: `session ${action ?? ''}`.trim() });
  });
}

/** `station checkin|checkout ID MEMBER [--at ISO]` and `station absence ID MEMBER --reason TEXT`. */
export function attendanceEventCommand(kind: 'checkin' | 'checkout' | 'absence') {
  return async ({ args, io }: CommandContext): Promise<number> => {
    const { values, positionals } = parseCommand(
      args,
      { at: { type: 'string' }, reason: { type: 'string' }, ...BY },
      2,
    );
    const [sessionText, memberText] = positionals;
    const sessionId = sessionIdArg(sessionText);
    if (!memberText) throw new UsageError('cli.missingArg', { name: 'MEMBER' });
    return withStation(values.data, io.env, (db) => {
      const member = findMember(db, memberText);
      const now = systemClock.now();
      let id: number;
      if (kind === 'checkin')
        id = checkIn(db, sessionId, member, timeOf(values.at), who(values.by), now);
      else if (kind === 'checkout')
        id = checkOut(db, sessionId, member, timeOf(values.at), who(values.by), now);
      else {
        if (!values.reason?.trim()) throw new UsageError('cli.missingArg', { name: '--reason' });
        id = recordExcused(db, sessionId, member, values.reason.trim(), who(values.by), now);
      }
      io.stdout(
        values.json
          ? JSON.stringify({ id, sessionId, member: { id: member.id, name: member.name } })
          : member.name,
      );
      return 0;
    });
  };
}

/** `station attendance correct SESSION MEMBER [--checkin ISO] [--checkout ISO] [--hours N] --reason TEXT`. */
export async function attendanceCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args[0] === 'export') return attendanceExportCommand({ ...ctx, args: ctx.args.slice(1) });
  const { args, io } = ctx;
  const { values, positionals } = parseCommand(
    args,
    {
      checkin: { type: 'string' },
      checkout: { type: 'string' },
      hours: { type: 'string' },
      reason: { type: 'string' },
      ...BY,
    },
    3,
  );
  const [action, sessionText, memberText] = positionals;
  if (action !== 'correct') {
    throw new UsageError('cli.unknownCommand', { command: `attendance ${action ?? ''}`.trim() });
  }
  const sessionId = sessionIdArg(sessionText);
  if (!memberText) throw new UsageError('cli.missingArg', { name: 'MEMBER' });
  if (!values.reason?.trim()) throw new UsageError('cli.missingArg', { name: '--reason' });
  if (!values.checkin && !values.checkout && values.hours === undefined) {
    throw new UsageError('cli.missingArg', { name: '--checkin | --checkout | --hours' });
  }
  const credit = values.hours === undefined ? undefined : Number(values.hours);
  if (credit !== undefined && !(credit >= 0 && credit <= 24)) {
    throw new UsageError('cli.badOption', { detail: `--hours ${values.hours}` });
  }
  return withStation(values.data, io.env, (db) => {
    const member = findMember(db, memberText);
    const ids = correctAttendance(
      db,
      {
        sessionId,
        member,
        ...(values.checkin ? { checkIn: timeOf(values.checkin) } : {}),
        ...(values.checkout ? { checkOut: timeOf(values.checkout) } : {}),
        ...(credit !== undefined ? { credit } : {}),
        reason: values.reason!.trim(),
        by: who(values.by),
      },
      systemClock.now(),
    );
    io.stdout(values.json ? JSON.stringify({ ids }) : ids.join(' '));
    return 0;
  });
}

/**
 * `station report hours --year YYYY [--json]`: each active member's 学时 against the target.
 * `station report compliance --year YYYY [--json]`: the branch's year page.
 */
export async function reportCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { year: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    1,
  );
  const kind = positionals[0];
  if (kind !== 'hours' && kind !== 'compliance') {
    throw new UsageError('cli.unknownCommand', { command: `report ${kind ?? ''}`.trim() });
  }
  const year = yearArg(values.year);
  return withStation(values.data, io.env, (db) => {
    if (kind === 'compliance' && (values.out || values.format)) {
      return exportComplianceTo(db, year, values, io, t);
    }
    if (kind === 'compliance') {
      const report = complianceReport(db, year, systemClock.now());
      if (values.json) io.stdout(JSON.stringify(report));
      else for (const line of complianceText(report, t)) io.stdout(line);
      return 0;
    }
    const { members } = hoursReport(db, year, systemClock.now());
    if (values.json) io.stdout(JSON.stringify({ year, members }));
    else for (const m of members) io.stdout(`${m.name}\t${m.hours}/${m.target}`);
    return 0;
  });
}

/** `report compliance --year YYYY --format csv|xlsx --out FILE`: the year page as a spreadsheet. */
async function exportComplianceTo(
  db: Db,
  year: number,
  values: { format?: string; out?: string; json?: boolean },
  io: CommandContext['io'],
  t: CommandContext['t'],
): Promise<number> {
  if (!values.out) throw new UsageError('cli.missingArg', { name: '--out' });
  const format = values.format ?? 'xlsx';
  if (!isExportFormat(format)) {
    throw new StationFailure('BAD_REQUEST', 'unknownFormat', {
      format,
      formats: EXPORT_FORMATS.join(', '),
    });
  }
  const out = path.resolve(values.out);
  const result = await exportCompliance(db, { year, format, out }, t, systemClock.now());
  io.stdout(
    values.json
      ? JSON.stringify(result)
      : t('complianceExport.written', { file: out, members: result.members }),
  );
  return 0;
}

/** `station hours external MEMBER --date DATE --hours N --where TEXT [--note TEXT]`. */
export async function hoursCommand({ args, io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      date: { type: 'string' },
      hours: { type: 'string' },
      where: { type: 'string' },
      note: { type: 'string' },
      ...BY,
    },
    2,
  );
  const [action, memberText] = positionals;
  if (action !== 'external')
    throw new UsageError('cli.unknownCommand', { command: `hours ${action ?? ''}`.trim() });
  if (!memberText) throw new UsageError('cli.missingArg', { name: 'MEMBER' });
  const hours = Number(values.hours);
  if (!(hours > 0 && hours <= 24))
    throw new UsageError('cli.missingArg', { name: '--hours (0–24)' });
  if (!values.where?.trim()) throw new UsageError('cli.missingArg', { name: '--where' });
  return withStation(values.data, io.env, (db) => {
    const today = isoWithOffset(systemClock.now(), readSettings(db).timeZone).slice(0, 10);
    // The same date spellings the roster accepts (2026-06-01, 2026/6/1, 2026年6月1日), not in the future.
    const date = parseRosterDate(values.date ?? '', today);
    if (!date.ok) throw new UsageError('cli.missingArg', { name: '--date YYYY-MM-DD' });
    const member = findMember(db, memberText);
    const id = recordExternalHours(
      db,
      {
        memberId: member.id,
        date: date.date,
        hours,
        place: values.where!.trim(),
        note: values.note ?? null,
        by: who(values.by),
      },
      systemClock.now(),
    );
    io.stdout(values.json ? JSON.stringify({ id, memberId: member.id }) : member.name);
    return 0;
  });
}
