import fs from 'node:fs';
import type { Db } from '../db/open.js';
import type { Translate } from '../i18n/index.js';
import { complianceReport } from '../attendance/compliance-report.js';
import { hoursReport } from '../attendance/hours-report.js';
import { writeAtomically } from './atomic-file.js';
import { csvLine, CSV_BOM } from './csv.js';
import type { ExportFormat } from './attendance-export.js';

/**
 * The year page (`station report compliance`) as a spreadsheet for the county: every member's
 * 学时 against the target, and — in the workbook's second sheet — each month's collective study.
 * A CSV holds one table, so it carries the members (the county's first question); the months are
 * in the XLSX and in `--json`. Small (one row per member), so it is built in memory, then written
 * to a temporary name and renamed like every export.
 */
const MEMBER_COLUMNS = [
  ['id', 8],
  ['name', 12],
  ['role', 10],
  ['hours', 10],
  ['target', 10],
  ['makeup', 10],
  ['external', 12],
  ['reached', 10],
] as const;

const MONTH_COLUMNS = [
  ['month', 10],
  ['sessions', 10],
  ['status', 14],
] as const;

export async function exportCompliance(
  db: Db,
  opts: { year: number; format: ExportFormat; out: string },
  t: Translate,
  now: Date,
): Promise<{ file: string; members: number; missedMonths: string[] }> {
  const { members } = hoursReport(db, opts.year, now);
  const report = complianceReport(db, opts.year, now);
  const col = (key: string) => t(`complianceExport.column.${key}`);
  const memberRows = members.map((m) => [
    m.id,
    m.name,
    t(`members.role.${m.role}`),
    m.hours,
    m.target,
    m.makeup,
    m.external,
    m.hours >= m.target ? t('members.yes') : t('members.no'),
  ]);
  const monthRows = report.months.map((m) => [
    m.month,
    m.sessions,
    t(`report.monthStatus.${m.status}`),
  ]);

  await writeAtomically(opts.out, async (partial) => {
    if (opts.format === 'csv') {
      const lines = [MEMBER_COLUMNS.map(([k]) => col(k)), ...memberRows].map((r) => csvLine(r));
      fs.writeFileSync(partial, CSV_BOM + lines.join(''), { flag: 'wx' });
      return;
    }
    const { default: excel } = await import('exceljs');
    const wb = new excel.Workbook();
    const sheet = (name: string, columns: readonly (readonly [string, number])[]) => {
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = columns.map(([key, width]) => ({ header: col(key), key, width }));
      ws.getRow(1).font = { bold: true };
      return ws;
    };
    const ws1 = sheet(t('complianceExport.membersSheet'), MEMBER_COLUMNS);
    for (const key of ['hours', 'target', 'makeup', 'external']) {
      ws1.getColumn(key).numFmt = '0.0';
    }
    ws1.addRows(memberRows);
    sheet(t('complianceExport.monthsSheet'), MONTH_COLUMNS).addRows(monthRows);
    await wb.xlsx.writeFile(partial);
  });
  return { file: opts.out, members: members.length, missedMonths: report.missedMonths };
}
