import fs from 'node:fs';
import path from 'node:path';
import { writeAtomically } from '../../exports/atomic-file.js';
import { writeSigninSheet } from '../../exports/signin-sheet.js';
import { writeStudyRecord } from '../../exports/study-record.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../http/api-tokens.js';
import { ensureTerminalKey } from '../../evidence/terminal-key.js';
import {
  buildBundle,
  nextExportSeq,
  recordExport,
  recordImport,
  trustTerminal,
  verifyBundle,
} from '../../evidence/bundle.js';
import { systemClock } from '../../clock.js';
import { StationFailure } from '../../errors.js';
import {
  EXPORT_FORMATS,
  exportAttendance,
  isExportFormat,
} from '../../exports/attendance-export.js';
import { withStation } from '../station-db.js';
import { parseCommand, sessionIdArg, UsageError, type CommandContext } from '../context.js';

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
  return withStation(values.data, io.env, async (db) => {
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

/**
 * `station export bundle --out FILE [--all]`, `station export signin-sheet SESSION --out FILE.pdf`
 * and `station export study-record --month YYYY-MM --out FILE.pdf`.
 */
export async function exportCommand(ctx: CommandContext): Promise<number> {
  const [what, ...rest] = ctx.args;
  if (what === 'bundle') return exportBundleCommand({ ...ctx, args: rest });
  if (what === 'signin-sheet') return signinSheetCommand({ ...ctx, args: rest });
  if (what === 'study-record') return studyRecordCommand({ ...ctx, args: rest });
  throw new UsageError('cli.unknownCommand', { command: `export ${what ?? ''}`.trim() });
}

async function exportBundleCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(args, {
    out: { type: 'string' },
    all: { type: 'boolean', default: false },
  });
  if (!values.out) throw new UsageError('cli.missingArg', { name: '--out' });
  const out = path.resolve(values.out);
  return withStation(values.data, io.env, async (db, dataDir) => {
    const now = systemClock.now();
    const key = ensureTerminalKey(dataDir);
    const { bytes, summary } = buildBundle(db, key, nextExportSeq(db, values.all), now);
    await writeAtomically(out, (partial) => fs.writeFileSync(partial, bytes, { flag: 'wx' }));
    recordExport(db, summary, out, now);
    io.stdout(
      values.json
        ? JSON.stringify({ file: out, ...summary })
        : t(summary.records === 0 ? 'exports.bundle.writtenEmpty' : 'exports.bundle.written', {
            file: out,
            from: summary.fromSeq,
            to: summary.toSeq,
            count: summary.records,
          }),
    );
    return 0;
  });
}

/** `station import bundle FILE [--verify-only]`: refuses altered, truncated, replayed or unknown. */
export async function importCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { 'verify-only': { type: 'boolean', default: false } },
    2,
  );
  const [what, fileArg] = positionals;
  if (what !== 'bundle') {
    throw new UsageError('cli.unknownCommand', { command: `import ${what ?? ''}`.trim() });
  }
  if (!fileArg) throw new UsageError('cli.missingArg', { name: 'FILE' });
  const file = path.resolve(fileArg);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StationFailure('NOT_FOUND', 'fileNotFound', { file });
    throw new StationFailure('STORAGE', 'fileUnreadable', { file, detail: code ?? String(err) });
  }
  return withStation(values.data, io.env, (db) => {
    const verifyOnly = values['verify-only'];
    const bundle = db.transaction(() => {
      const b = verifyBundle(db, bytes, file);
      if (!verifyOnly) recordImport(db, b, systemClock.now());
      return b;
    })();
    const { payload: _payload, ...summary } = bundle;
    const params = { terminal: summary.terminalId, from: summary.fromSeq, to: summary.toSeq };
    io.stdout(
      values.json
        ? JSON.stringify({ verified: true, imported: !verifyOnly, ...summary })
        : t(verifyOnly ? 'exports.bundle.verified' : 'exports.bundle.imported', params),
    );
    return 0;
  });
}

/** `station terminals trust FILE.pub [--name TEXT]` and `station terminals list [--json]`. */
export async function terminalsCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(args, { name: { type: 'string' } }, 2);
  const [action, fileArg] = positionals;
  if (action === 'list') {
    return withStation(values.data, io.env, (db) => {
      const rows = db
        .prepare(
          'SELECT fingerprint, name, added_at AS addedAt FROM trusted_terminals ORDER BY added_at',
        )
        .all() as { fingerprint: string; name: string; addedAt: string }[];
      if (values.json) io.stdout(JSON.stringify({ terminals: rows }));
      else for (const r of rows) io.stdout(`${r.fingerprint}\t${r.name}`);
      return 0;
    });
  }
  if (action !== 'trust') {
    throw new UsageError('cli.unknownCommand', { command: `terminals ${action ?? ''}`.trim() });
  }
  if (!fileArg) throw new UsageError('cli.missingArg', { name: 'FILE.pub' });
  const file = path.resolve(fileArg);
  if (!fs.existsSync(file)) throw new StationFailure('NOT_FOUND', 'fileNotFound', { file });
  const pem = fs.readFileSync(file, 'utf8');
  return withStation(values.data, io.env, (db) => {
    const name = values.name?.trim() || path.basename(file);
    const r = trustTerminal(db, pem, file, name, systemClock.now());
    io.stdout(values.json ? JSON.stringify(r) : t('exports.terminals.trusted', r));
    return 0;
  });
}

async function signinSheetCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(args, { out: { type: 'string' } }, 1);
  if (!positionals[0]) throw new UsageError('cli.missingArg', { name: 'SESSION' });
  if (!values.out) throw new UsageError('cli.missingArg', { name: '--out' });
  const sessionId = sessionIdArg(positionals[0]);
  const out = path.resolve(values.out);
  return withStation(values.data, io.env, async (db) => {
    const r = await writeSigninSheet(db, sessionId, out, t, systemClock.now(), io.env);
    io.stdout(values.json ? JSON.stringify(r) : t('exports.sheet.written', { file: out }));
    return 0;
  });
}

/**
 * `station api-token create --name TEXT` (the token alone on the last stdout line, shown once),
 * `station api-token list [--json]`, `station api-token revoke ID`.
 */
export async function apiTokenCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(args, { name: { type: 'string' } }, 2);
  const [action, idText] = positionals;
  return withStation(values.data, io.env, (db) => {
    if (action === 'create') {
      const name = values.name?.trim();
      if (!name) throw new UsageError('cli.missingArg', { name: '--name' });
      const { id, token } = createApiToken(db, name, systemClock.now());
      if (values.json) io.stdout(JSON.stringify({ id, name, token }));
      else {
        io.stdout(t('exports.apiToken.created', { name }));
        io.stdout(token);
      }
      return 0;
    }
    if (action === 'list') {
      const tokens = listApiTokens(db);
      if (values.json) io.stdout(JSON.stringify({ tokens }));
      else for (const k of tokens) io.stdout(`${k.id}\t${k.name}\t${k.lastUsedAt ?? '-'}`);
      return 0;
    }
    if (action === 'revoke') {
      if (!idText || !/^\d+$/.test(idText)) throw new UsageError('cli.missingArg', { name: 'ID' });
      return revokeApiToken(db, Number(idText)) ? 0 : 1;
    }
    throw new UsageError('cli.unknownCommand', { command: `api-token ${action ?? ''}`.trim() });
  });
}

async function studyRecordCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(args, { month: { type: 'string' }, out: { type: 'string' } });
  if (!values.month) throw new UsageError('cli.missingArg', { name: '--month YYYY-MM' });
  if (!values.out) throw new UsageError('cli.missingArg', { name: '--out' });
  const out = path.resolve(values.out);
  return withStation(values.data, io.env, async (db) => {
    const r = await writeStudyRecord(db, values.month!, out, t, systemClock.now(), io.env);
    io.stdout(values.json ? JSON.stringify(r) : t('exports.record.written', { file: out }));
    return 0;
  });
}
