import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import type { Translate } from '../i18n/index.js';
import { hoursPolicy } from '../attendance/hours-report.js';
import { getSession } from '../attendance/sessions.js';
import { appRoot } from '../paths.js';
import { readSettings } from '../settings/store.js';
import { attendanceRows, type AttendanceExportRow } from './attendance-rows.js';
import { writeAtomically } from './atomic-file.js';
import { LocalTime } from './local-time.js';

export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * @font-face rules for Noto Sans SC with absolute file: URLs, so the PDF embeds a CJK font even
 * on a machine with no Chinese system font. Taken from the built kiosk UI (what an installed
 * station has) or, when running from sources, from the fontsource package. Chromium loads only
 * the unicode-range slices the page uses and embeds them as subsets.
 */
export function cjkFontFaces(root = appRoot()): string {
  const fromBuild = path.join(root, 'dist', 'renderer', 'assets');
  const candidates: { dir: string; css: string }[] = [];
  if (fs.existsSync(fromBuild)) {
    for (const f of fs.readdirSync(fromBuild).filter((n) => n.endsWith('.css'))) {
      candidates.push({ dir: fromBuild, css: fs.readFileSync(path.join(fromBuild, f), 'utf8') });
    }
  }
  const pkg = path.join(root, 'node_modules', '@fontsource', 'noto-sans-sc');
  for (const weight of ['400', '700']) {
    const file = path.join(pkg, `${weight}.css`);
    if (fs.existsSync(file)) candidates.push({ dir: pkg, css: fs.readFileSync(file, 'utf8') });
  }
  for (const { dir, css } of candidates) {
    const rules = (css.match(/@font-face\s*{[^}]*}/g) ?? []).filter((r) => /Noto Sans SC/.test(r));
    if (rules.length === 0) continue;
    return rules
      .map((r) =>
        r.replace(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g, (_m, rel: string) =>
          /^(data|file):/.test(rel)
            ? `url(${rel})`
            : `url("${pathToFileURL(path.resolve(dir, rel)).href}")`,
        ),
      )
      .join('\n');
  }
  return '';
}

export interface SheetData {
  village: string;
  title: string;
  kind: string;
  time: string;
  rows: AttendanceExportRow[];
}

/** The sheet as HTML: A4, the village and session, one line per member, a blank signature box. */
export function signinSheetHtml(d: SheetData, t: Translate, lt: LocalTime, fonts: string): string {
  const present = d.rows.filter((r) => r.status === 'present').length;
  const excused = d.rows.filter((r) => r.status === 'excused').length;
  const line = (r: AttendanceExportRow, i: number) => {
    const state =
      r.status === 'present' && r.checkIn
        ? lt.time(r.checkIn)
        : r.status === 'excused'
          ? t('exports.sheet.excused', { reason: r.reason ?? '' })
          : '';
    const role = r.roleTitle ?? t(`members.role.${r.memberRole}`);
    return `<tr><td class="n">${i + 1}</td><td>${escapeHtml(r.memberName)}</td><td>${escapeHtml(role)}</td><td>${escapeHtml(state)}</td><td class="sign"></td></tr>`;
  };
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(t('exports.sheet.title'))}</title>
<style>
${fonts}
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
body { font-family: 'Noto Sans SC', sans-serif; font-size: 11pt; color: #000; margin: 0; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.5em; margin: 0 0 4mm; }
.meta { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5mm 8mm; margin-bottom: 4mm; }
.meta b { font-weight: 700; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
th, td { border: 0.3mm solid #000; padding: 1.6mm 2mm; text-align: left; vertical-align: middle; }
th { background: #eee; font-weight: 700; white-space: nowrap; }
tr { break-inside: avoid; height: 9.5mm; }
td.n { text-align: center; width: 14mm; }
td.sign { width: 48mm; }
.total { margin-top: 4mm; }
.organizer { margin-top: 10mm; display: flex; gap: 20mm; }
.organizer span { display: inline-block; border-bottom: 0.3mm solid #000; width: 50mm; }
</style></head><body>
<h1>${escapeHtml(t('exports.sheet.title'))}</h1>
<div class="meta">
<div><b>${escapeHtml(t('exports.sheet.village'))}：</b>${escapeHtml(d.village)}</div>
<div><b>${escapeHtml(t('exports.sheet.kind'))}：</b>${escapeHtml(d.kind)}</div>
<div><b>${escapeHtml(t('exports.sheet.session'))}：</b>${escapeHtml(d.title)}</div>
<div><b>${escapeHtml(t('exports.sheet.time'))}：</b>${escapeHtml(d.time)}</div>
</div>
<table><thead><tr><th>${escapeHtml(t('exports.sheet.number'))}</th><th>${escapeHtml(t('exports.sheet.name'))}</th><th>${escapeHtml(t('exports.sheet.role'))}</th><th>${escapeHtml(t('exports.sheet.checkIn'))}</th><th>${escapeHtml(t('exports.sheet.signature'))}</th></tr></thead>
<tbody>${d.rows.map(line).join('')}</tbody></table>
<p class="total">${escapeHtml(t('exports.sheet.total', { expected: d.rows.length, present, excused }))}</p>
<div class="organizer"><div>${escapeHtml(t('exports.sheet.organizer'))}<span></span></div><div>${escapeHtml(t('exports.sheet.date'))}<span></span></div></div>
</body></html>`;
}

export function sheetData(db: Db, sessionId: number, t: Translate, now: Date): SheetData {
  const s = readSettings(db);
  const session = getSession(db, sessionId); // NOT_FOUND with the session's number
  const lt = new LocalTime(s.timeZone);
  const rows = [...attendanceRows(db, { sessionId }, hoursPolicy(s), now)];
  const end = session.endedAt ? ` – ${lt.time(session.endedAt)}` : '';
  return {
    village: [s.county, s.village].filter(Boolean).join(' '),
    title: session.title,
    kind: t(`exports.kind.${session.kind}`),
    time: `${lt.dateTime(session.startedAt).slice(0, 16)}${end}`,
    rows,
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.STATION_CHROMIUM ?? '/usr/bin/chromium';
}

/**
 * Prints HTML to an A4 PDF with the system Chromium (the same engine as the kiosk): it embeds
 * subset fonts reliably, where PDF libraries struggle with a large CJK font. The HTML goes
 * through a temporary file so its file: font URLs load.
 */
export async function printHtmlToPdf(
  html: string,
  out: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const executable = chromiumPath(env);
  if (!fs.existsSync(executable)) {
    throw new StationFailure('UNAVAILABLE', 'browserMissing', { path: executable });
  }
  const { chromium } = await import('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-print-'));
  const htmlFile = path.join(dir, 'sheet.html');
  fs.writeFileSync(htmlFile, html);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8pt;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
    await writeAtomically(out, (partial) => fs.writeFileSync(partial, pdf, { flag: 'wx' }));
  } catch (err) {
    if (err instanceof StationFailure) throw err;
    throw new StationFailure('INTERNAL', 'pdfFailed', {
      detail: err instanceof Error ? err.message.split('\n')[0]! : String(err),
    });
  } finally {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `station export signin-sheet SESSION --out FILE.pdf`. */
export async function writeSigninSheet(
  db: Db,
  sessionId: number,
  out: string,
  t: Translate,
  now: Date,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ file: string; members: number }> {
  const data = sheetData(db, sessionId, t, now);
  const html = signinSheetHtml(data, t, new LocalTime(readSettings(db).timeZone), cjkFontFaces());
  await printHtmlToPdf(html, out, env);
  return { file: out, members: data.rows.length };
}
