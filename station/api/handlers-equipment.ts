import type { Handlers, HandlerContext } from './handlers.js';
import type { EquipmentItemView } from '../../common/contract-equipment.js';
import { stationToday } from '../members/import/apply.js';
import {
  addMaintenance,
  equipmentDay,
  getEquipment,
  insertEquipment,
  itemView,
  lifeYearsByKind,
  listEquipment,
  maintenanceLog,
  setEquipmentStatus,
} from '../equipment/register.js';

type EquipmentHandlers = Pick<
  Handlers,
  'getEquipmentRegister' | 'addEquipment' | 'setEquipmentStatus' | 'addMaintenanceEntry'
>;

/** The equipment register on the technician console; every method needs the technician grant. */
export function createEquipmentHandlers(ctx: HandlerContext): EquipmentHandlers {
  const { db, clock, grants } = ctx;

  const view = (id: number): EquipmentItemView =>
    itemView(getEquipment(db, id), stationToday(db, clock.now()), maintenanceLog(db, id).get(id));

  return {
    getEquipmentRegister: ({ grant }) => {
      grants.require(grant, 'technician');
      const today = stationToday(db, clock.now());
      const logs = maintenanceLog(db);
      return {
        today,
        items: listEquipment(db).map((item) => itemView(item, today, logs.get(item.id))),
        lifeYearsByKind: lifeYearsByKind(db),
      };
    },

    addEquipment: ({ grant, ...input }) => {
      grants.require(grant, 'technician');
      const now = clock.now();
      const id = db.transaction(() =>
        insertEquipment(
          db,
          {
            ...input,
            purchased: equipmentDay(input.purchased, stationToday(db, now)),
            lifeYears: input.lifeYears ?? lifeYearsByKind(db)[input.kind],
          },
          now,
        ),
      )();
      return view(id);
    },

    setEquipmentStatus: ({ grant, id, status }) => {
      grants.require(grant, 'technician');
      setEquipmentStatus(db, id, status, clock.now());
      return view(id);
    },

    addMaintenanceEntry: ({ grant, id, work, doneOn, doneBy }) => {
      grants.require(grant, 'technician');
      const now = clock.now();
      const today = stationToday(db, now);
      addMaintenance(
        db,
        id,
        {
          doneOn: doneOn === null ? today : equipmentDay(doneOn, today),
          work,
          // The console has no personal sign-in: the technician grant is who did it.
          doneBy: doneBy ?? 'technician',
        },
        now,
      );
      return view(id);
    },
  };
}
