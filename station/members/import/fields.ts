/**
 * Single cells → member values, as villages write them. Each returns `undefined` when the text is
 * not a value of its kind; blank cells never reach these functions.
 */

const fold = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const GENDERS: Record<string, 'male' | 'female'> = {
  男: 'male',
  男性: 'male',
  male: 'male',
  m: 'male',
  女: 'female',
  女性: 'female',
  female: 'female',
  f: 'female',
};

export function parseGender(text: string): 'male' | 'female' | undefined {
  return GENDERS[fold(text)];
}

const STATUSES: Record<string, 'full' | 'probationary'> = {
  正式党员: 'full',
  正式: 'full',
  党员: 'full',
  full: 'full',
  fullmember: 'full',
  预备党员: 'probationary',
  预备: 'probationary',
  probationary: 'probationary',
  probationarymember: 'probationary',
};

export function parseStatus(text: string): 'full' | 'probationary' | undefined {
  return STATUSES[fold(text)];
}

const YES = new Set(['是', '√', '✓', 'y', 'yes', '1', 'true', '有']);
const NO = new Set(['否', '×', '✗', 'n', 'no', '0', 'false', '无', '不是']);

export function parseYesNo(text: string): boolean | undefined {
  const t = fold(text);
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

const HAN = /\p{Script=Han}/u;

/**
 * Chinese names are often padded to line up in printed rosters (王  芳, or with the ideographic space U+3000); the spaces are
 * not part of the name. Other names (pinyin, with ·) keep single spaces between words.
 */
export function normalizeName(text: string): string {
  const trimmed = text.trim();
  if (HAN.test(trimmed)) {
    return trimmed.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '');
  }
  return trimmed.replace(/\s+/g, ' ');
}

/** Free text (phone, work place, card code): trimmed, inner runs of space kept as one. */
export function normalizeText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Longest text each field keeps; a longer cell is a mistake in the file, not a name. */
export const MAX_LENGTH = {
  name: 40,
  roleTitle: 40,
  phone: 40,
  worksIn: 100,
  cardCode: 64,
} as const;
