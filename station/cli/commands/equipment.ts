import os from 'node:os';
import path from 'node:path';
import {
  EQUIPMENT_KINDS,
  EQUIPMENT_STATUSES,
  type EquipmentKind,
  type EquipmentStatus,
} from '../../../common/contract-equipment.js';
import { systemClock } from '../../clock.js';
import { dueList } from '../../domain/equipment-life.js';
import { StationFailure } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import { stationToday } from '../../members/import/apply.js';
import {
  addMaintenance,
  equipmentDay,
  getEquipment,
  insertEquipment,
  lifeYearsByKind,
  listEquipment,
  setEquipmentStatus,
  type EquipmentItem,
} from '../../equipment/register.js';
import type { SheetProblem } from '../../equipment/parse-sheet.js';
import {
  importEquipmentSheet,
  MAX_SHEET_BYTES,
  writeEquipmentWorkbook,
} from '../../equipment/sheet-io.js';
import { parseEquipmentStatus, parseKind } from '../../equipment/sheet-columns.js';
import { readInputFile } from '../input-file.js';
import { withExistingStation } from '../station-db.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';
import { formatTable } from './members.js';

/**
 * `station equipment add|list|due|import|export|status|log`: the equipment register (设备登记)
 * for the county's replacement cycle.
 */
export async function equipmentCommand(ctx: CommandContext): Promise<number> {
  const [action, ...rest] = ctx.args;
  switch (action) {
    case 'add':
      return addAction(ctx, rest);
    case 'list':
      return listAction(ctx, rest);
    case 'due':
      return dueAction(ctx, rest);
    case 'import':
      return importAction(ctx, rest);
    case 'export':
      return exportAction(ctx, rest);
    case 'status':
      return statusAction(ctx, rest);
    case 'log':
      return logAction(ctx, rest);
    default:
      throw new UsageError('cli.unknownCommand', { command: `equipment ${action ?? ''}`.trim() });
  }
}

function kindOf(text: string | undefined): EquipmentKind {
  if (text === undefined) throw new UsageError('cli.missingArg', { name: '--kind' });
  const kind = parseKind(text);
  if (!kind) {
    throw new StationFailure('BAD_REQUEST', 'equipmentKindUnknown', {
      kind: text,
      kinds: EQUIPMENT_KINDS.join(', '),
    });
  }
  return kind;
}

function statusOf(text: string): EquipmentStatus {
  const status = parseEquipmentStatus(text);
  if (!status) {
    throw new StationFailure('BAD_REQUEST', 'equipmentStatusUnknown', {
      status: text,
      statuses: EQUIPMENT_STATUSES.join(', '),
    });
  }
  return status;
}

/** A day as people write it (2019-07-01, 2019/7/1, 2019年7月1日), no later than `today`. */
function idOf(text: string | undefined): number {
  if (text === undefined) throw new UsageError('cli.missingArg', { name: 'ID' });
  if (!/^\d+$/.test(text)) throw new StationFailure('NOT_FOUND', 'equipmentNotFound', { id: text });
  return Number(text);
}

const nullable = (text: string | undefined) => (text?.trim() ? text.trim() : null);

export function itemJson(item: EquipmentItem) {
  return {
    id: item.id,
    kind: item.kind,
    model: item.model,
    serial: item.serial,
    purchased: item.purchased,
    lifeYears: item.lifeYears,
    status: item.status,
    replaceBy: item.replaceBy,
    supplier: item.supplier,
    funding: item.funding,
    note: item.note,
  };
}

async function addAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values } = parseCommand(args, {
    kind: { type: 'string' },
    model: { type: 'string' },
    serial: { type: 'string' },
    purchased: { type: 'string' },
    'life-years': { type: 'string' },
    supplier: { type: 'string' },
    funding: { type: 'string' },
    status: { type: 'string' },
    note: { type: 'string' },
  });
  const kind = kindOf(values.kind);
  const model = nullable(values.model);
  if (!model) throw new UsageError('cli.missingArg', { name: '--model' });
  if (values.serial === undefined) throw new UsageError('cli.missingArg', { name: '--serial' });
  if (values.purchased === undefined) {
    throw new UsageError('cli.missingArg', { name: '--purchased' });
  }
  let lifeYears: number | null = null;
  if (values['life-years'] !== undefined) {
    const n = Number(values['life-years']);
    if (!/^\d+$/.test(values['life-years']) || n < 1 || n > 50) {
      throw new StationFailure('BAD_REQUEST', 'equipmentLifeBad', { value: values['life-years'] });
    }
    lifeYears = n;
  }
  const status = values.status === undefined ? 'in_use' : statusOf(values.status);
  const item = await withExistingStation(values.data, io.env, (db) => {
    const now = systemClock.now();
    const id = insertEquipment(
      db,
      {
        kind,
        model,
        serial: nullable(values.serial),
        purchased: equipmentDay(values.purchased!, stationToday(db, now)),
        supplier: nullable(values.supplier),
        funding: nullable(values.funding),
        lifeYears: lifeYears ?? lifeYearsByKind(db)[kind],
        status,
        note: nullable(values.note),
      },
      now,
    );
    return getEquipment(db, id);
  });
  if (values.json) io.stdout(JSON.stringify(itemJson(item)));
  else io.stdout(t('equipment.added', { id: item.id, replaceBy: item.replaceBy }));
  return 0;
}

function itemTable(items: EquipmentItem[], t: Translate): string[] {
  const columns = [
    'id',
    'kind',
    'model',
    'serial',
    'purchased',
    'lifeYears',
    'status',
    'replaceBy',
  ];
  return formatTable(
    columns.map((c) => t(`equipment.column.${c}`)),
    items.map((i) => [
      String(i.id),
      t(`equipment.kind.${i.kind}`),
      i.model,
      i.serial ?? '',
      i.purchased,
      String(i.lifeYears),
      t(`equipment.status.${i.status}`),
      i.replaceBy,
    ]),
  );
}

async function listAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values } = parseCommand(args, {});
  const items = await withExistingStation(values.data, io.env, (db) => listEquipment(db));
  if (values.json) {
    io.stdout(JSON.stringify({ items: items.map(itemJson) }));
    return 0;
  }
  if (items.length === 0) {
    io.stdout(t('equipment.empty'));
    return 0;
  }
  for (const line of itemTable(items, t)) io.stdout(line);
  io.stdout(t('equipment.total', { count: items.length }));
  return 0;
}

async function dueAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values } = parseCommand(args, { at: { type: 'string' } });
  const { at, due } = await withExistingStation(values.data, io.env, (db) => {
    // --at may lie in the future (planning next year's budget): no upper bound on it.
    const at =
      values.at === undefined
        ? stationToday(db, systemClock.now())
        : equipmentDay(values.at, '9999-12-31');
    return { at, due: dueList(listEquipment(db), at) };
  });
  if (values.json) {
    io.stdout(
      JSON.stringify({
        at,
        overdue: due.overdue.map(itemJson),
        dueByEndOfNextYear: due.dueByEndOfNextYear.map(itemJson),
      }),
    );
    return 0;
  }
  io.stdout(t('equipment.due.overdue', { count: due.overdue.length, at }));
  if (due.overdue.length > 0) for (const line of itemTable(due.overdue, t)) io.stdout(line);
  const year = Number(at.slice(0, 4)) + 1;
  io.stdout(t('equipment.due.soon', { count: due.dueByEndOfNextYear.length, year }));
  if (due.dueByEndOfNextYear.length > 0) {
    for (const line of itemTable(due.dueByEndOfNextYear, t)) io.stdout(line);
  }
  return 0;
}

export function sheetProblemLine(p: SheetProblem, t: Translate): string {
  return t('equipment.problemLine', {
    row: p.row,
    column: p.column,
    message: t(`equipment.problem.${p.key}`, p.params),
  });
}

async function importAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { 'dry-run': { type: 'boolean', default: false } },
    1,
  );
  const file = positionals[0];
  if (!file) throw new UsageError('cli.missingArg', { name: 'FILE' });
  const bytes = readInputFile(file, MAX_SHEET_BYTES, 'equipmentSheetTooLarge');
  const dryRun = values['dry-run'];
  const outcome = await withExistingStation(values.data, io.env, (db) =>
    importEquipmentSheet(db, bytes, { now: systemClock.now(), dryRun }),
  );
  const ok = outcome.problems.length === 0;
  if (!ok) {
    io.stderr(t('equipment.import.refused', { count: outcome.problems.length }));
    for (const p of outcome.problems) io.stderr(sheetProblemLine(p, t));
  }
  if (outcome.unknownColumns.length > 0) {
    io.stderr(t('equipment.import.unknownColumns', { columns: outcome.unknownColumns.join('、') }));
  }
  const { created, updated, unchanged } = outcome;
  if (values.json) {
    io.stdout(
      JSON.stringify({
        ok,
        dryRun,
        created,
        updated,
        unchanged,
        problems: outcome.problems.map((p) => ({
          row: p.row,
          column: p.column,
          field: p.field,
          message: t(`equipment.problem.${p.key}`, p.params),
        })),
      }),
    );
  } else if (ok) {
    const key = dryRun ? 'equipment.import.preview' : 'equipment.import.done';
    io.stdout(t(key, { created, updated, unchanged }));
  }
  return ok ? 0 : 1;
}

async function exportAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, 1);
  if (!positionals[0]) throw new UsageError('cli.missingArg', { name: 'FILE' });
  const file = path.resolve(positionals[0]);
  const rows = await withExistingStation(values.data, io.env, (db) =>
    writeEquipmentWorkbook(db, file),
  );
  if (values.json) io.stdout(JSON.stringify({ file, items: rows }));
  else io.stdout(t('equipment.exported', { file, count: rows }));
  return 0;
}

/** `station equipment status ID STATUS`: in_use / faulty / under_repair / retired (or 在用 …). */
async function statusAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, 2);
  const id = idOf(positionals[0]);
  if (positionals[1] === undefined) throw new UsageError('cli.missingArg', { name: 'STATUS' });
  const status = statusOf(positionals[1]);
  const item = await withExistingStation(values.data, io.env, (db) =>
    setEquipmentStatus(db, id, status, systemClock.now()),
  );
  if (values.json) io.stdout(JSON.stringify(itemJson(item)));
  else io.stdout(t('equipment.statusSet', { id, status: t(`equipment.status.${status}`) }));
  return 0;
}

/** `station equipment log ID --work TEXT [--on DATE] [--by NAME]`: one maintenance entry. */
async function logAction({ io, t }: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { work: { type: 'string' }, on: { type: 'string' }, by: { type: 'string' } },
    1,
  );
  const id = idOf(positionals[0]);
  const work = nullable(values.work);
  if (!work) throw new UsageError('cli.missingArg', { name: '--work' });
  const entry = await withExistingStation(values.data, io.env, (db) => {
    const now = systemClock.now();
    const today = stationToday(db, now);
    return addMaintenance(
      db,
      id,
      {
        doneOn: values.on === undefined ? today : equipmentDay(values.on, today),
        work,
        doneBy: nullable(values.by) ?? `cli:${os.userInfo().username}`,
      },
      now,
    );
  });
  if (values.json) io.stdout(JSON.stringify({ equipmentId: id, ...entry }));
  else io.stdout(t('equipment.logged', { id, doneOn: entry.doneOn }));
  return 0;
}
