import type { Db } from '../db/open.js';

/** Hours a mobile member earned where they work (流入地): date, place, hours and a note. */
export function recordExternalHours(
  db: Db,
  e: {
    memberId: number;
    date: string;
    hours: number;
    place: string;
    note: string | null;
    by: string;
  },
  now: Date,
): number {
  const info = db
    .prepare(
      `INSERT INTO external_hours (member_id, on_date, hours, place, note, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.memberId, e.date, e.hours, e.place, e.note, e.by, now.toISOString());
  return Number(info.lastInsertRowid);
}

/** External hours dated in [fromDate, toDate), dates as YYYY-MM-DD. */
export function externalHoursBetween(
  db: Db,
  fromDate: string,
  toDate: string,
): { memberId: number; hours: number }[] {
  return db
    .prepare(
      'SELECT member_id AS memberId, hours FROM external_hours WHERE on_date >= ? AND on_date < ?',
    )
    .all(fromDate, toDate) as { memberId: number; hours: number }[];
}
