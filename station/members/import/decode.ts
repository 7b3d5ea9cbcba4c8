import type Iconv from 'iconv-lite';
import { lazyRequire } from '../../lazy-require.js';

const iconv = lazyRequire<typeof Iconv>('iconv-lite');

/** The text encodings a roster CSV arrives in from Chinese Windows, WPS, Excel and LibreOffice. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(buf: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/**
 * UTF-16 without a BOM is rare (Excel's "Unicode text" writes one) but cheap to recognise: text
 * that is mostly ASCII or CJK has a zero in every other byte of the ASCII characters.
 */
function looksLikeBomlessUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZeros++;
    if (buf[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Bytes of a CSV file → text. A BOM decides; otherwise strict UTF-8, and when that fails
 * GB18030, the superset of GBK that "save as CSV" produces on Chinese Windows. GB18030 maps
 * nearly every byte sequence to something, so callers must still check the text is plausible
 * (see `implausibleTextReason`).
 */
export function decodeText(buf: Uint8Array): DecodedText {
  if (startsWith(buf, UTF8_BOM)) {
    return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (startsWith(buf, [0xff, 0xfe])) {
    return { text: iconv().decode(Buffer.from(buf.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (startsWith(buf, [0xfe, 0xff])) {
    return { text: iconv().decode(Buffer.from(buf.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  const utf16 = looksLikeBomlessUtf16(buf);
  if (utf16) return { text: iconv().decode(Buffer.from(buf), utf16), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv().decode(Buffer.from(buf), 'gb18030'), encoding: 'gb18030' };
  }
}

/**
 * Why decoded text cannot be a table someone typed, or null when it can: binary files decode to
 * control characters and to U+FFFD where no encoding fits.
 */
export function implausibleTextReason(text: string): 'binary' | 'undecodable' | null {
  // Form feed and vertical tab occur in hand-edited files; other C0 controls and DEL do not.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return 'binary';
  if (text.includes('\ufffd')) return 'undecodable';
  return null;
}
