/**
 * The equipment register's vocabulary and views, free of runtime dependencies so the renderer
 * can import them without pulling zod and the contract's schemas into its bundle.
 * Kinds and statuses are the county's categories of 《远教站点设备现状登记表》.
 */

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
