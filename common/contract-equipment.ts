/**
 * StationApi methods of the equipment register (设备登记), spread into `contract` in contract.ts.
 * Kinds and statuses are the county's categories of 《远教站点设备现状登记表》.
 */
import { z } from 'zod';

export const EQUIPMENT_KINDS = [
  'terminal',
  'display',
  'satellite',
  'router',
  'ups',
  'speaker',
  'camera',
  'other',
] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

export const EQUIPMENT_STATUSES = ['in_use', 'faulty', 'under_repair', 'retired'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

export interface MaintenanceEntry {
  id: number;
  /** YYYY-MM-DD */
  doneOn: string;
  work: string;
  doneBy: string;
}

export interface EquipmentItemView {
  id: number;
  kind: EquipmentKind;
  model: string;
  serial: string | null;
  /** YYYY-MM-DD */
  purchased: string;
  supplier: string | null;
  funding: string | null;
  lifeYears: number;
  status: EquipmentStatus;
  note: string | null;
  /** YYYY-MM-DD: purchase date + service life. */
  replaceBy: string;
  /** Where the item stands on the replacement cycle on the station's today. */
  due: 'overdue' | 'soon' | 'later' | 'retired';
  maintenance: MaintenanceEntry[];
}

export interface EquipmentRegisterView {
  /** The station's today (YYYY-MM-DD) the due marks were computed for. */
  today: string;
  items: EquipmentItemView[];
  /** The policy service life per kind, to prefill the add form. */
  lifeYearsByKind: Record<EquipmentKind, number>;
}

const Grant = z.string().min(16).max(128);
/** A day as people type it (2019-07-01, 2019/7/1, 2019年7月1日); the station parses it. */
const Day = z.string().trim().min(6).max(20);
const Text = (max: number) => z.string().trim().min(1).max(max);

const method =
  <Out>() =>
  <S extends z.ZodType>(input: S) =>
    ({ input }) as { input: S; readonly __out?: (out: Out) => void };

export const equipmentContract = {
  getEquipmentRegister: method<EquipmentRegisterView>()(z.object({ grant: Grant }).strict()),
  addEquipment: method<EquipmentItemView>()(
    z
      .object({
        grant: Grant,
        kind: z.enum(EQUIPMENT_KINDS),
        model: Text(80),
        serial: Text(64).nullable().default(null),
        purchased: Day,
        supplier: Text(80).nullable().default(null),
        funding: Text(80).nullable().default(null),
        /** Omitted: the policy default for the kind. */
        lifeYears: z.number().int().min(1).max(50).nullable().default(null),
        status: z.enum(EQUIPMENT_STATUSES).default('in_use'),
        note: Text(200).nullable().default(null),
      })
      .strict(),
  ),
  setEquipmentStatus: method<EquipmentItemView>()(
    z
      .object({ grant: Grant, id: z.number().int().positive(), status: z.enum(EQUIPMENT_STATUSES) })
      .strict(),
  ),
  addMaintenanceEntry: method<EquipmentItemView>()(
    z
      .object({
        grant: Grant,
        id: z.number().int().positive(),
        work: Text(200),
        /** Omitted: today in the station's zone. */
        doneOn: Day.nullable().default(null),
        doneBy: Text(40).nullable().default(null),
      })
      .strict(),
  ),
};
