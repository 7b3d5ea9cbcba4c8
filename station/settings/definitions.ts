/**
 * Every setting the station has, with its type and default. Numbers marked *policy* in
 * shared/DOMAIN.md live here so a county can change them (`station config set`), never in code.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../common/contract.js';

const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'unknown IANA time zone' },
);

export const SETTINGS = {
  // Identity of this station.
  'terminal.id': { schema: z.string().min(1), default: '', readOnly: true },
  'terminal.name': { schema: z.string().max(60), default: '' },
  village: { schema: z.string().max(60), default: '' },
  county: { schema: z.string().max(60), default: '' },
  timeZone: { schema: TimeZone, default: 'Asia/Shanghai' },
  language: { schema: z.enum(LANGUAGES), default: 'zh-CN' as const },
  'setup.completed': { schema: z.boolean(), default: false },
  /** Local date ('YYYY-MM-DD') of the first `station init`: monthly obligations count from it. */
  'station.setUpOn': { schema: z.string(), default: '', readOnly: true },

  // Study hours policy (DOMAIN.md, "Counting study hours").
  'hours.minutesPerCreditHour': { schema: z.number().int().min(1).max(240), default: 45 },
  'hours.roundingStep': { schema: z.number().positive().max(1), default: 0.5 },
  'hours.maxPerDay': { schema: z.number().positive().max(24), default: 8 },
  'hours.targetMember': { schema: z.number().min(0).max(1000), default: 32 },
  'hours.targetLeader': { schema: z.number().min(0).max(1000), default: 56 },

  // Training windows (DOMAIN.md, rules table).
  'winterSpring.startMonth': { schema: z.number().int().min(1).max(12), default: 11 },
  'winterSpring.endMonth': { schema: z.number().int().min(1).max(12), default: 3 },
  'newMember.trainingWithinMonths': { schema: z.number().int().min(1).max(36), default: 12 },

  // PIN protection of organizer pages and the technician console.
  'pin.maxAttempts': { schema: z.number().int().min(1).max(20), default: 5 },
  'pin.lockoutMinutes': {
    schema: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    default: 15,
  },
  'pin.grantMinutes': {
    schema: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    default: 30,
  },

  // Scheduling (issue 5): warn this many days before a new member's training deadline.
  'newMember.warnDays': { schema: z.number().int().min(0).max(180), default: 30 },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}
