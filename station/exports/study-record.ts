import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { capPerDay } from '../domain/hours.js';
import { zonedInstant } from '../domain/zoned-time.js';
import type { Translate } from '../i18n/index.js';
import { hoursPolicy } from '../attendance/hours-report.js';
import { readSettings } from '../settings/store.js';
import { attendanceRows, type AttendanceExportRow } from './attendance-rows.js';
import { LocalTime } from './local-time.js';
import { cjkFontFaces, escapeHtml as h, printHtmlToPdf } from './signin-sheet.js';

interface SessionLine {
  date: string;
  kind: string;
  title: string;
  time: string;
  present: number;
  excused: number;
  absent: number;
}

interface MemberLine {
  name: string;
  role: string;
  attended: number;
  hours: number;
}

export function parseMonth(text: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) {
    throw new StationFailure('BAD_REQUEST', 'badMonth', { value: text });
  }
  return { year: Number(m[1]), month };
}

/**
 * The month's record (学习记录): every session with its attendance counts, and each member's
 * sessions attended and 学时 for the month under the daily cap. A month of one village is a few
 * thousand lines at most, so it is gathered in memory and printed like the sign-in sheet.
 */
export function studyRecordHtml(db: Db, monthText: string, t: Translate, now: Date): string {
  const { year, month } = parseMonth(monthText);
  const s = readSettings(db);
  const policy = hoursPolicy(s);
  const lt = new LocalTime(s.timeZone);
  const range = {
    from: zonedInstant({ year, month, day: 1 }, s.timeZone),
    to: zonedInstant(
      { year: month === 12 ? year + 1 : year, month: (month % 12) + 1, day: 1 },
      s.timeZone,
    ),
  };
  const sessions = new Map<number, SessionLine>();
  const members = new Map<number, MemberLine & { credits: { day: string; credit: number }[] }>();
  for (const r of attendanceRows(db, range, policy, now) as Iterable<AttendanceExportRow>) {
    let line = sessions.get(r.sessionId);
    if (!line) {
      const end = r.sessionEndedAt ? `–${lt.time(r.sessionEndedAt)}` : '';
      line = {
        date: lt.date(r.sessionStartedAt),
        kind: t(`exports.kind.${r.sessionKind}`),
        title: r.sessionTitle,
        time: `${lt.time(r.sessionStartedAt)}${end}`,
        present: 0,
        excused: 0,
        absent: 0,
      };
      sessions.set(r.sessionId, line);
    }
    line[r.status]++;
    let m = members.get(r.memberId);
    if (!m) {
      m = {
        name: r.memberName,
        role: r.roleTitle ?? t(`members.role.${r.memberRole}`),
        attended: 0,
        hours: 0,
        credits: [],
      };
      members.set(r.memberId, m);
    }
    if (r.status === 'present') m.attended++;
    m.credits.push({ day: lt.date(r.sessionStartedAt), credit: r.credit });
  }
  for (const m of members.values()) {
    m.hours = capPerDay(m.credits, policy.maxPerDay).reduce((sum, c) => sum + c.capped, 0);
  }
  const monthLabel = t('exports.record.month', { year, month });
  const village = [s.county, s.village].filter(Boolean).join(' ');
  const sessionRows = [...sessions.values()]
    .map(
      (l) =>
        `<tr><td>${h(l.date)}</td><td>${h(l.kind)}</td><td>${h(l.title)}</td><td>${h(l.time)}</td><td class="num">${l.present}</td><td class="num">${l.excused}</td><td class="num">${l.absent}</td></tr>`,
    )
    .join('');
  const memberRows = [...members.values()]
    .map(
      (m) =>
        `<tr><td>${h(m.name)}</td><td>${h(m.role)}</td><td class="num">${m.attended}</td><td class="num">${m.hours}</td></tr>`,
    )
    .join('');
  const th = (key: string) => `<th>${h(t(`exports.record.${key}`))}</th>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${h(t('exports.record.title', { month: monthLabel }))}</title>
<style>
${cjkFontFaces()}
@page { size: A4; margin: 16mm 14mm 18mm; }
body { font-family: 'Noto Sans SC', sans-serif; font-size: 10.5pt; margin: 0; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 2mm; }
.village { text-align: center; margin-bottom: 5mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
th, td { border: 0.3mm solid #000; padding: 1.4mm 2mm; text-align: left; }
th { background: #eee; white-space: nowrap; }
td.num { text-align: right; width: 16mm; }
tr { break-inside: avoid; }
.organizer { margin-top: 10mm; display: flex; gap: 20mm; }
.organizer span { display: inline-block; border-bottom: 0.3mm solid #000; width: 50mm; }
</style></head><body>
<h1>${h(t('exports.record.title', { month: monthLabel }))}</h1>
<div class="village">${h(village)}</div>
<h2>${h(t('exports.record.sessions'))}</h2>
${
  sessions.size === 0
    ? `<p>${h(t('exports.record.none'))}</p>`
    : `<table><thead><tr>${['date', 'kind', 'session', 'time', 'present', 'excused', 'absent'].map(th).join('')}</tr></thead><tbody>${sessionRows}</tbody></table>`
}
<h2>${h(t('exports.record.members'))}</h2>
<table><thead><tr>${['name', 'role', 'attended', 'hours'].map(th).join('')}</tr></thead><tbody>${memberRows}</tbody></table>
<div class="organizer"><div>${h(t('exports.sheet.organizer'))}<span></span></div><div>${h(t('exports.sheet.date'))}<span></span></div></div>
</body></html>`;
}

/** `station export study-record --month YYYY-MM --out FILE.pdf`. */
export async function writeStudyRecord(
  db: Db,
  month: string,
  out: string,
  t: Translate,
  now: Date,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ file: string }> {
  await printHtmlToPdf(studyRecordHtml(db, month, t, now), out, env);
  return { file: out };
}
