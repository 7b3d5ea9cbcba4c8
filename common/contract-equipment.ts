/**
 * StationApi methods of the equipment register (设备登记), spread into `contract` in contract.ts.
 */
import { z } from 'zod';
import { Grant, method } from './contract-method.js';
import {
  EQUIPMENT_KINDS,
  EQUIPMENT_STATUSES,
  type EquipmentItemView,
  type EquipmentRegisterView,
} from './equipment.js';

export * from './equipment.js';

/** A day as people type it (2019-07-01, 2019/7/1, 2019年7月1日); the station parses it. */
const Day = z.string().trim().min(6).max(20);
const Text = (max: number) => z.string().trim().min(1).max(max);

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
