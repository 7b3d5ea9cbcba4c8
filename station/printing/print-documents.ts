import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PrintableSessionView, PrintJobView } from '../../common/contract-printing.js';
import type { Db } from '../db/open.js';
import type { Translate } from '../i18n/index.js';
import { getSession, recentSessions } from '../attendance/sessions.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import { getSetting } from '../settings/store.js';
import { writeSigninSheet } from '../exports/signin-sheet.js';
import { parseMonth, writeStudyRecord } from '../exports/study-record.js';
import { choosePrinter, listPrinters, printFile } from './cups.js';

export interface PrintOptions {
  /** A CUPS queue name; the default (or the only) printer when absent. */
  printer?: string | null | undefined;
  env?: NodeJS.ProcessEnv;
}

/**
 * Makes a document's PDF in a private temporary directory with the export code, hands it to CUPS
 * and removes it. The printer is checked first: a missing or paused printer is reported in a
 * moment, not after Chromium has spent seconds making a PDF nobody will print.
 */
async function printDocument(
  title: string,
  make: (file: string, env: NodeJS.ProcessEnv) => Promise<unknown>,
  opts: PrintOptions,
): Promise<PrintJobView> {
  const env = opts.env ?? process.env;
  const printer = choosePrinter(await listPrinters(env), opts.printer);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-lp-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await make(file, env);
    return await printFile(file, printer.name, title, env);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints a session's sign-in sheet (签到表); an unknown session fails before any printing. */
export function printSigninSheet(
  db: Db,
  sessionId: number,
  t: Translate,
  now: Date,
  opts: PrintOptions = {},
): Promise<PrintJobView> {
  const session = getSession(db, sessionId); // NOT_FOUND with the session's number
  const title = t('printing.jobTitle.sheet', { title: session.title });
  return printDocument(
    title,
    (file, env) => writeSigninSheet(db, sessionId, file, t, now, env),
    opts,
  );
}

/** Prints a month's study record (学习记录); a malformed month fails before any printing. */
export function printStudyRecord(
  db: Db,
  month: string,
  t: Translate,
  now: Date,
  opts: PrintOptions = {},
): Promise<PrintJobView> {
  const { year, month: m } = parseMonth(month);
  const title = t('printing.jobTitle.record', { year, month: m });
  return printDocument(title, (file, env) => writeStudyRecord(db, month, file, t, now, env), opts);
}

/**
 * The most recent sessions, newest first: what an organizer prints a sheet for. Times are in the
 * station's zone with their offset, as the kiosk shows them.
 */
export function printableSessions(db: Db, limit: number): PrintableSessionView[] {
  const zone = getSetting(db, 'timeZone');
  const local = (iso: string) => isoWithOffset(new Date(iso), zone);
  return recentSessions(db, limit).map((r) => ({
    ...r,
    startedAt: local(r.startedAt),
    endedAt: r.endedAt ? local(r.endedAt) : null,
  }));
}
