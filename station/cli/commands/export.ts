import path from 'node:path';
import { systemClock } from '../../clock.js';
import type { Db } from '../../db/open.js';
import { initDataDir } from '../../init.js';
import { resolveDataDir } from '../../paths.js';
import { StationFailure } from '../../errors.js';
import {
  EXPORT_FORMATS,
  exportAttendance,
  isExportFormat,
} from '../../exports/attendance-export.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';

export async function withStationDb<T>(
  dataFlag: string | undefined,
  env: NodeJS.ProcessEnv,
  fn: (db: Db, dataDir: string) => Promise<T> | T,
): Promise<T> {
  const dataDir = resolveDataDir(dataFlag, env);
  const { db } = initDataDir({ dataDir, clock: systemClock });
  try {
    return await fn(db, dataDir);
  } finally {
    db.close();
  }
}

/** `station attendance export --from DATE --to DATE --format csv|xlsx --out FILE [--json]`. */
export async function attendanceExportCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(
    args,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
    1,
  );
  for (const name of ['from', 'to', 'format', 'out'] as const) {
    if (!values[name]) throw new UsageError('cli.missingArg', { name: `--${name}` });
  }
  const format = values.format!;
  if (!isExportFormat(format)) {
    throw new StationFailure('BAD_REQUEST', 'unknownFormat', {
      format,
      formats: EXPORT_FORMATS.join(', '),
    });
  }
  const out = path.resolve(values.out!);
  return withStationDb(values.data, io.env, async (db) => {
    const result = await exportAttendance(
      db,
      { from: values.from!, to: values.to!, format, out },
      t,
      systemClock.now(),
    );
    io.stdout(
      values.json ? JSON.stringify(result) : t('exports.written', { rows: result.rows, file: out }),
    );
    return 0;
  });
}
