import {
  EQUIPMENT_KINDS,
  type EquipmentItemView,
  type EquipmentKind,
  type EquipmentStatus,
  type MaintenanceEntry,
} from '../../common/contract-equipment.js';
import type { Db } from '../db/open.js';
import { dueState, replacementDate } from '../domain/equipment-life.js';
import { StationFailure } from '../errors.js';
import { parseRosterDate } from '../members/import/dates.js';
import { readSettings } from '../settings/store.js';

/** What a register row says about an item; the register adds id, due date and log. */
export interface EquipmentValues {
  kind: EquipmentKind;
  model: string;
  serial: string | null;
  purchased: string;
  supplier: string | null;
  funding: string | null;
  lifeYears: number;
  status: EquipmentStatus;
  note: string | null;
}

export type EquipmentItem = EquipmentValues & { id: number; replaceBy: string };

/** The policy service life per kind (settings `equipment.life.<kind>`). */
export function lifeYearsByKind(db: Db): Record<EquipmentKind, number> {
  const s = readSettings(db);
  return Object.fromEntries(EQUIPMENT_KINDS.map((k) => [k, s[`equipment.life.${k}`]])) as Record<
    EquipmentKind,
    number
  >;
}

const COLUMNS = `id, kind, model, serial, purchased_on AS purchased, supplier, funding,
  life_years AS lifeYears, status, note`;

function withDueDate(row: EquipmentValues & { id: number }): EquipmentItem {
  return { ...row, replaceBy: replacementDate(row.purchased, row.lifeYears) };
}

/** Every item, by kind in the register's order, then purchase date. */
export function listEquipment(db: Db): EquipmentItem[] {
  const order = EQUIPMENT_KINDS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ');
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM equipment ORDER BY CASE kind ${order} END, purchased_on, id`)
    .all() as (EquipmentValues & { id: number })[];
  return rows.map(withDueDate);
}

export function getEquipment(db: Db, id: number): EquipmentItem {
  const row = db.prepare(`SELECT ${COLUMNS} FROM equipment WHERE id = ?`).get(id) as
    (EquipmentValues & { id: number }) | undefined;
  if (!row) throw new StationFailure('NOT_FOUND', 'equipmentNotFound', { id });
  return withDueDate(row);
}

export function findBySerial(db: Db, kind: EquipmentKind, serial: string): number | null {
  const row = db
    .prepare('SELECT id FROM equipment WHERE kind = ? AND serial = ?')
    .get(kind, serial) as { id: number } | undefined;
  return row?.id ?? null;
}

/** An item's values in the column order of both the INSERT and the UPDATE below. */
const columnValues = (v: EquipmentValues) =>
  [
    v.kind,
    v.model,
    v.serial,
    v.purchased,
    v.supplier,
    v.funding,
    v.lifeYears,
    v.status,
    v.note,
  ] as const;

export function insertEquipment(db: Db, v: EquipmentValues, now: Date): number {
  if (v.serial !== null && findBySerial(db, v.kind, v.serial) !== null) {
    throw new StationFailure('CONFLICT', 'equipmentSerialTaken', {
      kind: v.kind,
      serial: v.serial,
    });
  }
  const at = now.toISOString();
  const info = db
    .prepare(
      `INSERT INTO equipment (kind, model, serial, purchased_on, supplier, funding, life_years,
         status, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(...columnValues(v), at, at);
  return Number(info.lastInsertRowid);
}

/** Replaces an item's values (a re-imported row); returns false when nothing differed. */
export function updateEquipment(db: Db, id: number, v: EquipmentValues, now: Date): boolean {
  const before = getEquipment(db, id);
  const same = (Object.keys(v) as (keyof EquipmentValues)[]).every((k) => before[k] === v[k]);
  if (same) return false;
  db.prepare(
    `UPDATE equipment SET kind = ?, model = ?, serial = ?, purchased_on = ?, supplier = ?,
       funding = ?, life_years = ?, status = ?, note = ?, updated_at = ? WHERE id = ?`,
  ).run(...columnValues(v), now.toISOString(), id);
  return true;
}

export function setEquipmentStatus(
  db: Db,
  id: number,
  status: EquipmentStatus,
  now: Date,
): EquipmentItem {
  getEquipment(db, id);
  db.prepare('UPDATE equipment SET status = ?, updated_at = ? WHERE id = ?').run(
    status,
    now.toISOString(),
    id,
  );
  return getEquipment(db, id);
}

export function addMaintenance(
  db: Db,
  id: number,
  entry: { doneOn: string; work: string; doneBy: string },
  now: Date,
): MaintenanceEntry {
  getEquipment(db, id);
  const info = db
    .prepare(
      `INSERT INTO equipment_maintenance (equipment_id, done_on, work, done_by, recorded_at)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(id, entry.doneOn, entry.work, entry.doneBy, now.toISOString());
  return { id: Number(info.lastInsertRowid), ...entry };
}

/** Maintenance entries per item, oldest first. */
export function maintenanceLog(db: Db, onlyId?: number): Map<number, MaintenanceEntry[]> {
  const rows = db
    .prepare(
      `SELECT id, equipment_id AS equipmentId, done_on AS doneOn, work, done_by AS doneBy
       FROM equipment_maintenance WHERE ? IS NULL OR equipment_id = ? ORDER BY done_on, id`,
    )
    .all(onlyId ?? null, onlyId ?? null) as (MaintenanceEntry & { equipmentId: number })[];
  const out = new Map<number, MaintenanceEntry[]>();
  for (const { equipmentId, ...entry } of rows) {
    const list = out.get(equipmentId) ?? [];
    list.push(entry);
    out.set(equipmentId, list);
  }
  return out;
}

/**
 * A purchase or maintenance day as people write it (2019-07-01, 2019/7/1, 2019年7月1日): a real
 * calendar day no later than the station's today (nothing is bought or serviced in the future).
 */
export function equipmentDay(text: string, today: string): string {
  const d = parseRosterDate(text, today);
  if (!d.ok) throw new StationFailure('BAD_REQUEST', 'equipmentDateBad', { value: text });
  return d.date;
}

/** An item as the UI shows it, on the station's `today`. */
export function itemView(
  item: EquipmentItem,
  today: string,
  log: MaintenanceEntry[] = [],
): EquipmentItemView {
  return { ...item, due: dueState(item.replaceBy, item.status, today), maintenance: log };
}
