import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/open.js';
import { schemaVersion } from '../../db/migrate.js';
import { StationFailure } from '../../errors.js';
import { DB_FILE, resolveDataDir } from '../../paths.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';

/** `station db check [--json]`: SQLite's own integrity_check, without migrating anything. */
export async function dbCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, 1);
  if (positionals[0] !== 'check') {
    throw new UsageError('cli.unknownCommand', { command: `db ${positionals[0] ?? ''}`.trim() });
  }
  const dataDir = resolveDataDir(values.data, io.env);
  const file = path.join(dataDir, DB_FILE);
  if (!fs.existsSync(file)) throw new StationFailure('STORAGE', 'dataDirMissing', { dir: dataDir });
  const db = openDatabase(file);
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    const integrity = messages.length === 1 && messages[0] === 'ok' ? 'ok' : messages.join('\n');
    const version = schemaVersion(db);
    if (values.json) io.stdout(JSON.stringify({ integrity, schemaVersion: version }));
    else io.stdout(t('cli.dbIntegrity', { integrity, version }));
    return integrity === 'ok' ? 0 : 1;
  } finally {
    db.close();
  }
}
