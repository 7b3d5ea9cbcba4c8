import {
  EQUIPMENT_KINDS,
  EQUIPMENT_STATUSES,
  type EquipmentKind,
  type EquipmentStatus,
} from '../../common/contract-equipment.js';
import { normalizeHeader } from '../members/import/headers.js';

/** The register's columns, in the order of the county's 《远教站点设备现状登记表》. */
export const SHEET_FIELDS = [
  'kind',
  'model',
  'serial',
  'purchased',
  'supplier',
  'funding',
  'lifeYears',
  'status',
  'note',
] as const;
export type SheetField = (typeof SHEET_FIELDS)[number];

export const SHEET_HEADERS: Record<SheetField, string> = {
  kind: '设备类型',
  model: '品牌型号',
  serial: '序列号',
  purchased: '购置日期',
  supplier: '供应商',
  funding: '资金来源',
  lifeYears: '使用年限',
  status: '状态',
  note: '备注',
};

/** Written by the export for people to read; computed, so an import reads past them. */
export const DERIVED_HEADERS = { id: '编号', replaceBy: '应更换日期' } as const;

const ALIASES: Record<SheetField, string[]> = {
  kind: ['设备类型', '设备类别', '设备种类', '类型', '类别', '设备名称', '设备', 'kind', 'type'],
  model: ['品牌型号', '型号', '品牌', '规格型号', '品牌及型号', '设备型号', 'model'],
  serial: ['序列号', '设备序列号', '出厂编号', '机身号', 'sn', 'serial', 'serialnumber'],
  purchased: [
    '购置日期',
    '购买日期',
    '采购日期',
    '购置时间',
    '购买时间',
    '配发日期',
    'purchased',
    'purchasedate',
  ],
  supplier: ['供应商', '供货商', '供货单位', '生产厂家', 'supplier', 'vendor'],
  funding: ['资金来源', '经费来源', '资金渠道', 'funding', 'fundingsource'],
  lifeYears: ['使用年限', '年限', '设计使用年限', '使用寿命', '报废年限', 'lifeyears', 'life'],
  status: ['状态', '设备状态', '使用状态', '现状', '运行状态', 'status'],
  note: ['备注', '说明', 'note', 'notes', 'remark', 'remarks'],
};

const BY_ALIAS = new Map<string, SheetField>(
  SHEET_FIELDS.flatMap((f) => ALIASES[f].map((a) => [normalizeHeader(a), f] as const)),
);
const IGNORED = new Set(
  ['序号', '序', 'no', '#', '行号', ...Object.values(DERIVED_HEADERS)].map(normalizeHeader),
);

export function fieldForHeader(text: string): SheetField | null {
  return BY_ALIAS.get(normalizeHeader(text)) ?? null;
}

export function isIgnoredHeader(text: string): boolean {
  return IGNORED.has(normalizeHeader(text));
}

/** The kind names the export writes, which an import reads back. */
export const KIND_NAMES: Record<EquipmentKind, string> = {
  terminal: '终端',
  display: '显示设备',
  satellite: '卫星接收机',
  router: '路由器',
  ups: 'UPS',
  speaker: '音箱',
  camera: '摄像头',
  other: '其他',
};

/**
 * Words a village register uses for each kind, matched as parts of the cell so that 台式电脑,
 * 液晶电视机 or 卫星电视接收机 are understood. Order matters: 卫星 before 电视.
 */
const KIND_WORDS: [string, EquipmentKind][] = [
  ['卫星', 'satellite'],
  ['机顶盒', 'terminal'],
  ['电脑', 'terminal'],
  ['计算机', 'terminal'],
  ['一体机', 'terminal'],
  ['终端', 'terminal'],
  ['主机', 'terminal'],
  ['电视', 'display'],
  ['投影', 'display'],
  ['显示', 'display'],
  ['路由', 'router'],
  ['交换机', 'router'],
  ['ups', 'ups'],
  ['不间断电源', 'ups'],
  ['音箱', 'speaker'],
  ['音响', 'speaker'],
  ['扬声器', 'speaker'],
  ['功放', 'speaker'],
  ['摄像', 'camera'],
  ['监控', 'camera'],
  ['其他', 'other'],
  ['其它', 'other'],
];

const fold = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export function parseKind(text: string): EquipmentKind | undefined {
  const f = fold(text);
  if ((EQUIPMENT_KINDS as readonly string[]).includes(f)) return f as EquipmentKind;
  return KIND_WORDS.find(([word]) => f.includes(word))?.[1];
}

export const STATUS_NAMES: Record<EquipmentStatus, string> = {
  in_use: '在用',
  faulty: '故障',
  under_repair: '维修中',
  retired: '已报废',
};

/** Order matters: 报废 and 维修 before 故障 (故障送修 is under repair). */
const STATUS_WORDS: [string, EquipmentStatus][] = [
  ['报废', 'retired'],
  ['停用', 'retired'],
  ['淘汰', 'retired'],
  ['退役', 'retired'],
  ['维修', 'under_repair'],
  ['送修', 'under_repair'],
  ['在修', 'under_repair'],
  ['故障', 'faulty'],
  ['损坏', 'faulty'],
  ['坏', 'faulty'],
  ['在用', 'in_use'],
  ['使用', 'in_use'],
  ['正常', 'in_use'],
  ['良好', 'in_use'],
  ['完好', 'in_use'],
];

export function parseEquipmentStatus(text: string): EquipmentStatus | undefined {
  const f = fold(text).replace(/-/g, '_');
  if ((EQUIPMENT_STATUSES as readonly string[]).includes(f)) return f as EquipmentStatus;
  return STATUS_WORDS.find(([word]) => f.includes(word))?.[1];
}

/** A service life as written: 6, "6", "6年", "６ 年". */
export function parseLifeYears(text: string): number | undefined {
  const m = /^(\d{1,2})(?:年)?$/.exec(fold(text));
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : undefined;
}

export const MAX_LENGTH: Record<'model' | 'serial' | 'supplier' | 'funding' | 'note', number> = {
  model: 80,
  serial: 64,
  supplier: 80,
  funding: 80,
  note: 200,
};
