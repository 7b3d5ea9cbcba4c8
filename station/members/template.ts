import type ExcelJS from 'exceljs';
import type { Translate } from '../i18n/index.js';
import { CHINESE_HEADERS, ROSTER_FIELDS, type RosterField } from './import/headers.js';
import { TEMPLATE_EXAMPLE } from './import/example-row.js';
import { writeFileAtomically } from '../exports/atomic-file.js';

/** Rows that get drop-down lists; a village roster is far shorter. */
const VALIDATED_ROWS = 500;

const WIDTHS: Record<RosterField, number> = {
  name: 12,
  gender: 8,
  birthDate: 14,
  joinedOn: 14,
  status: 12,
  roleTitle: 14,
  phone: 16,
  isMobile: 10,
  worksIn: 20,
  cardCode: 14,
};

const LISTS: Partial<Record<RosterField, { values: string[]; prompt: string }>> = {
  gender: { values: ['男', '女'], prompt: 'members.template.genderPrompt' },
  status: { values: ['正式党员', '预备党员'], prompt: 'members.template.statusPrompt' },
  isMobile: { values: ['是', '否'], prompt: 'members.template.mobilePrompt' },
};

const PROMPTS: Partial<Record<RosterField, string>> = {
  birthDate: 'members.template.datePrompt',
  joinedOn: 'members.template.datePrompt',
  roleTitle: 'members.template.rolePrompt',
};

/**
 * The roster template as an XLSX workbook: the Chinese headers the importer reads, bold on a
 * frozen first row, one example row (skipped on import if left in place), drop-down lists where
 * a column has a fixed set of answers, and text format for phones and card codes so a
 * spreadsheet does not turn 00123 into 123 or a phone number into 1.38E+10.
 */
export async function buildRosterTemplate(t: Translate): Promise<ExcelJS.Workbook> {
  // Loaded on demand, as in import/read-table.ts: it is slow to load and rarely needed.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Study Station';
  const sheet = workbook.addWorksheet('党员名单', {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = ROSTER_FIELDS.map((field) => ({
    header: CHINESE_HEADERS[field],
    key: field,
    width: WIDTHS[field],
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  header.height = 20;

  const example = sheet.addRow({
    ...TEMPLATE_EXAMPLE,
    birthDate: utcDate(TEMPLATE_EXAMPLE.birthDate),
    joinedOn: utcDate(TEMPLATE_EXAMPLE.joinedOn),
  });
  example.font = { italic: true, color: { argb: 'FF808080' } };

  ROSTER_FIELDS.forEach((field, i) => {
    const column = sheet.getColumn(i + 1);
    if (field === 'birthDate' || field === 'joinedOn') column.numFmt = 'yyyy-mm-dd';
    if (field === 'phone' || field === 'cardCode') column.numFmt = '@';
    const list = LISTS[field];
    const prompt = list?.prompt ?? PROMPTS[field];
    if (!prompt) return;
    const letter = column.letter;
    validations(sheet).add(
      `${letter}2:${letter}${VALIDATED_ROWS + 1}`,
      list
        ? {
            type: 'list',
            allowBlank: true,
            formulae: [`"${list.values.join(',')}"`],
            showErrorMessage: true,
            error: t('members.template.listError'),
            showInputMessage: true,
            prompt: t(prompt),
          }
        : {
            // 'any' (a prompt without a rule) is in exceljs' writer but not in its types.
            type: 'any' as ExcelJS.DataValidation['type'],
            formulae: [],
            showInputMessage: true,
            prompt: t(prompt),
          },
    );
  });
  return workbook;
}

/**
 * One validation per column range. Set cell by cell, exceljs merges the cells back into ranges
 * by sorting addresses as text (B10 before B2) and writes overlapping ranges that Excel rejects.
 * The range form is in its runtime but not in its types.
 */
function validations(sheet: ExcelJS.Worksheet): {
  add(range: string, validation: ExcelJS.DataValidation): void;
} {
  return (sheet as unknown as { dataValidations: ReturnType<typeof validations> }).dataValidations;
}

function utcDate(ymd: string): Date {
  return new Date(`${ymd}T00:00:00Z`);
}

/**
 * Writes the template under a hidden partial name and renames it into place, so an interrupted
 * write never leaves a half-written workbook under the name the person asked for.
 */
export async function writeRosterTemplate(file: string, t: Translate): Promise<void> {
  const buffer = await (await buildRosterTemplate(t)).xlsx.writeBuffer();
  writeFileAtomically(file, new Uint8Array(buffer as ArrayBuffer));
}
