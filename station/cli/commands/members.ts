import path from 'node:path';
import { systemClock } from '../../clock.js';
import type { Translate } from '../../i18n/index.js';
import { importRosterFile, type ImportOutcome } from '../../members/import/apply.js';
import { problemLine, problemMessage, warningLine } from '../../members/import/problems.js';
import { MAX_ROSTER_BYTES } from '../../members/import/read-table.js';
import { listMembers, type Member } from '../../members/repository.js';
import { writeRosterTemplate } from '../../members/template.js';
import { readInputFile } from '../input-file.js';
import { withExistingStation } from '../station-db.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';

/** Imports at least this large say that they are writing, so a person knows to wait. */
const PROGRESS_ROWS = 1000;

/**
 * `station members import FILE [--dry-run]`, `station members list`,
 * `station members template --out FILE.xlsx`.
 */
export async function membersCommand(ctx: CommandContext): Promise<number> {
  const [action, ...rest] = ctx.args;
  switch (action) {
    case 'import':
      return importAction(ctx, rest);
    case 'list':
      return listAction(ctx, rest);
    case 'template':
      return templateAction(ctx, rest);
    default:
      throw new UsageError('cli.unknownCommand', { command: `members ${action ?? ''}`.trim() });
  }
}

function importReport(outcome: ImportOutcome, dryRun: boolean, t: Translate) {
  const { plan, roster, createdIds } = outcome;
  const ok = plan.problems.length === 0;
  const counted = ok && (dryRun || outcome.applied);
  const actions = new Map(plan.actions.map((a) => [a.row, a]));
  return {
    ok,
    dryRun,
    created: counted ? plan.counts.created : 0,
    updated: counted ? plan.counts.updated : 0,
    unchanged: counted ? plan.counts.unchanged : 0,
    problems: plan.problems.map((p) => ({
      row: p.row,
      column: p.column,
      field: p.field,
      message: problemMessage(p, t),
    })),
    warnings: roster.warnings.map((w) => warningLine(w, t)),
    rows: roster.rows.map((r) => {
      const a = actions.get(r.row);
      const id = !a ? null : a.action === 'create' ? (createdIds.get(r.row) ?? null) : a.id;
      return { row: r.row, name: r.values.name, action: a?.action ?? 'invalid', id };
    }),
  };
}

async function importAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { 'dry-run': { type: 'boolean', default: false } },
    1,
  );
  const file = positionals[0];
  if (!file) throw new UsageError('cli.missingArg', { name: 'FILE' });
  const dryRun = values['dry-run'];
  const bytes = readInputFile(file, MAX_ROSTER_BYTES, 'rosterTooLarge');
  const outcome = await withExistingStation(values.data, io.env, (db) =>
    importRosterFile(db, bytes, {
      now: systemClock.now(),
      dryRun,
      onWriting: (rows) => {
        if (rows >= PROGRESS_ROWS) io.stderr(t('members.import.writing', { rows }));
      },
    }),
  );
  const report = importReport(outcome, dryRun, t);
  if (!report.ok) {
    const summary = dryRun ? 'members.import.previewRefused' : 'members.import.refused';
    io.stderr(t(summary, { count: outcome.plan.problems.length }));
    for (const p of outcome.plan.problems) io.stderr(problemLine(p, t));
  }
  for (const w of report.warnings) io.stderr(w);
  if (values.json) {
    io.stdout(JSON.stringify(report));
  } else if (report.ok) {
    const { created, updated, unchanged } = report;
    const key = dryRun ? 'members.import.preview' : 'members.import.done';
    io.stdout(t(key, { created, updated, unchanged }));
  }
  return report.ok ? 0 : 1;
}

function memberJson(m: Member) {
  return {
    id: m.id,
    name: m.name,
    role: m.role,
    roleTitle: m.roleTitle,
    gender: m.gender,
    birthDate: m.birthDate,
    joinedOn: m.joinedOn,
    status: m.status,
    phone: m.phone,
    mobile: m.isMobile,
    worksIn: m.worksIn,
    cardCode: m.cardCode,
    state: m.state,
  };
}

async function listAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values } = parseCommand(args, {});
  const members = await withExistingStation(values.data, io.env, listMembers);
  if (values.json) {
    io.stdout(JSON.stringify({ members: members.map(memberJson) }));
    return 0;
  }
  if (members.length === 0) {
    io.stdout(t('members.list.empty'));
    return 0;
  }
  const columns = [
    'id',
    'name',
    'role',
    'gender',
    'birthDate',
    'joinedOn',
    'status',
    'phone',
    'mobile',
    'cardCode',
    'state',
  ] as const;
  const cells = (m: Member): string[] => [
    String(m.id),
    m.name,
    m.roleTitle ?? t(`members.role.${m.role}`),
    m.gender ? t(`members.gender.${m.gender}`) : '',
    m.birthDate ?? '',
    m.joinedOn ?? '',
    t(`members.status.${m.status}`),
    m.phone ?? '',
    m.isMobile ? t('members.yes') + (m.worksIn ? `（${m.worksIn}）` : '') : '',
    m.cardCode ?? '',
    t(`members.state.${m.state}`),
  ];
  for (const line of formatTable(
    columns.map((c) => t(`members.list.${c}`)),
    members.map(cells),
  )) {
    io.stdout(line);
  }
  io.stdout(t('members.list.total', { count: members.length }));
  return 0;
}

async function templateAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values } = parseCommand(args, { out: { type: 'string' } });
  if (!values.out) throw new UsageError('cli.missingArg', { name: '--out' });
  const file = path.resolve(values.out);
  await writeRosterTemplate(file, t);
  if (values.json) io.stdout(JSON.stringify({ file }));
  else io.stdout(t('members.template.written', { file }));
  return 0;
}

/** Columns on a terminal: CJK characters take two cells, so widths are counted in cells. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      cp >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}

export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
