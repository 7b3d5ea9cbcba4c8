import type { Translate } from '../../i18n/index.js';
import type { RosterField } from './headers.js';

/** Message keys under `members.problem` in station/i18n. */
export type ProblemKey =
  | 'nameMissing'
  | 'nameColumnMissing'
  | 'headerDuplicate'
  | 'dateBad'
  | 'dateImpossible'
  | 'dateTooEarly'
  | 'dateFuture'
  | 'joinedBeforeBirth'
  | 'genderBad'
  | 'statusBad'
  | 'roleUnknown'
  | 'yesNoBad'
  | 'tooLong'
  | 'cardDuplicateInFile'
  | 'cardTakenByOther'
  | 'samePersonTwice'
  | 'ambiguousMatch'
  | 'birthDateNeeded';

/**
 * One thing wrong with the roster, where a person finds it in their spreadsheet: the row number
 * the spreadsheet shows and the column's header as the file writes it.
 */
export interface RosterProblem {
  row: number;
  field: RosterField | null;
  column: string;
  key: ProblemKey;
  params: Record<string, string | number>;
}

/** Message keys under `members.warning`: things worth saying that do not stop the import. */
export type WarningKey = 'unknownColumns' | 'exampleRowSkipped' | 'noDataRows';

export interface RosterWarning {
  key: WarningKey;
  params: Record<string, string | number>;
}

/** Problems in the order a person fixes them: by row, then left to right. */
export function sortProblems<P extends { row: number }>(problems: P[], order: (p: P) => number) {
  return [...problems].sort((a, b) => a.row - b.row || order(a) - order(b));
}

/** A problem's message in the user's language, without its place. */
export function problemMessage(p: RosterProblem, t: Translate): string {
  return t(`members.problem.${p.key}`, p.params);
}

/** A problem as one line: row, column and message (the CLI's stderr, the kiosk's import dialog). */
export function problemLine(p: RosterProblem, t: Translate): string {
  return t('members.problemLine', { row: p.row, column: p.column, message: problemMessage(p, t) });
}

export function warningLine(w: RosterWarning, t: Translate): string {
  return t(`members.warning.${w.key}`, w.params);
}
