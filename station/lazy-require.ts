import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/**
 * A dependency loaded on its first use instead of at start. The service runs for months on
 * set-top boxes with little memory, and most of its heavier libraries serve one rarely used
 * feature (pinyin for the check-in search, zip for backups and diagnostics, spreadsheet decoding
 * for roster imports, hardware sensors for the health snapshot). Loading them when first needed
 * keeps the resident size of an idle kiosk down. Only packages that ship a CommonJS build can be
 * loaded this way, synchronously, without turning every caller async.
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromHere(specifier) as T);
}
