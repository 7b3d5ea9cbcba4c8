/**
 * Tells a card or QR scanner from a person at a keyboard. A scanner is a keyboard too: it types
 * the code and Enter within milliseconds. Letters a person types feed the pinyin search; a code
 * (anything with a digit, or typed faster than a person can) checks its member in on Enter.
 * Pure, so it is table-tested without a browser.
 */

/** Faster than this between keys is a machine (people manage ~100 ms at best). */
export const SCANNER_GAP_MS = 40;
/** A pause this long starts a new code. */
export const RESET_GAP_MS = 1_000;
const MIN_CODE_LENGTH = 3;

export interface ScanState {
  chars: string;
  lastAt: number;
  /** True while every gap so far was a scanner's. */
  fast: boolean;
}

export const EMPTY_SCAN: ScanState = { chars: '', lastAt: 0, fast: true };

export function typed(state: ScanState, char: string, at: number): ScanState {
  if (state.chars === '' || at - state.lastAt > RESET_GAP_MS) {
    return { chars: char, lastAt: at, fast: true };
  }
  return {
    chars: state.chars + char,
    lastAt: at,
    fast: state.fast && at - state.lastAt <= SCANNER_GAP_MS,
  };
}

/** On Enter: the code to check in with, or null when Enter was meant for the focused button. */
export function codeOnEnter(state: ScanState, at: number): string | null {
  if (state.chars.length < MIN_CODE_LENGTH || at - state.lastAt > RESET_GAP_MS) return null;
  if (/\d/.test(state.chars) || (state.fast && at - state.lastAt <= SCANNER_GAP_MS * 4)) {
    return state.chars;
  }
  return null;
}
