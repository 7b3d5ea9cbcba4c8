import { z } from 'zod';
import type { Db } from '../db/open.js';
import { cachedStatement } from '../db/statements.js';
import {
  SETTINGS,
  SETTING_KEYS,
  type SettingKey,
  type SettingValue,
  type Settings,
} from './definitions.js';

/**
 * Parsed values by key and stored text: parsing ~60 settings with zod on every read cost more than
 * a check-in's durable insert. The text is still read each time, so a change by any connection is
 * seen at once; only the parse of unchanged text is skipped. (Settings are primitives: sharing
 * them is safe.)
 */
const parsedByKey = new Map<SettingKey, { raw: string; value: unknown }>();

/** The value in force for `key` given its stored text (undefined: none stored). */
function parseStored(key: SettingKey, raw: string | undefined): unknown {
  const def = SETTINGS[key];
  if (raw === undefined) return def.default;
  const cached = parsedByKey.get(key);
  if (cached?.raw === raw) return cached.value;
  // A stored value that no longer fits its schema (hand edit, older version) falls back to the
  // default rather than breaking start-up; `config get` shows what is in force.
  const parsed = (def.schema as z.ZodType).safeParse(JSON.parse(raw));
  const value = parsed.success ? parsed.data : def.default;
  parsedByKey.set(key, { raw, value });
  return value;
}

/** Reads every setting, falling back to its default where none is stored. */
export function readSettings(db: Db): Settings {
  const rows = cachedStatement(db, 'SELECT key, value FROM settings').all() as {
    key: string;
    value: string;
  }[];
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) out[key] = parseStored(key, stored.get(key));
  return out as Settings;
}

/**
 * One setting: a primary-key lookup of its text, not all of them (a check-in reads three).
 * Still read on every call, so a change by any connection is seen at once.
 */
export function getSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
  const row = cachedStatement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  return parseStored(key, row?.value) as SettingValue<K>;
}

/** Validates and stores one setting; throws the schema's ZodError when the value does not fit. */
export function writeSetting<K extends SettingKey>(
  db: Db,
  key: K,
  value: unknown,
  now: Date,
): SettingValue<K> {
  const parsed = (SETTINGS[key].schema as z.ZodType).parse(value) as SettingValue<K>;
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(parsed), now.toISOString());
  return parsed;
}

/**
 * Turns a value typed on the command line into the setting's type: numbers and booleans are
 * parsed when the schema wants them, everything else stays text.
 */
export function coerceSettingInput(key: SettingKey, text: string): unknown {
  const def = SETTINGS[key].default;
  if (typeof def === 'number') {
    const n = Number(text);
    return text.trim() === '' || Number.isNaN(n) ? text : n;
  }
  if (typeof def === 'boolean') {
    if (/^(true|1|yes|是)$/i.test(text)) return true;
    if (/^(false|0|no|否)$/i.test(text)) return false;
    return text;
  }
  return text;
}
