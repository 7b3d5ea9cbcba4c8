/**
 * Every setting the station has, with its type and default. Numbers marked *policy* in
 * shared/DOMAIN.md live here so a county can change them (`station config set`), never in code.
 */
import cron from 'node-cron';
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
  // `reason` names the CLI's translated sentence (cli.settingReason); the message is for logs.
  { error: 'unknown IANA time zone', params: { reason: 'unknownTimeZone' } },
);

/** A service life in whole years (equipment.life.*). */
const LifeYears = z.number().int().min(1).max(50);
const CronExpression = z.string().refine((expr) => cron.validate(expr), {
  error: 'not a cron expression',
  params: { reason: 'notCron' },
});

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

  // Equipment replacement cycle (DOMAIN.md glossary, 设备更新换代: "per device: purchase date,
  // service life"). DOMAIN.md gives no figures; these are common depreciation lives for such
  // equipment, and a county sets its own with `station config set equipment.life.KIND N`.
  'equipment.life.terminal': { schema: LifeYears, default: 6 },
  'equipment.life.display': { schema: LifeYears, default: 8 },
  'equipment.life.satellite': { schema: LifeYears, default: 8 },
  'equipment.life.router': { schema: LifeYears, default: 5 },
  'equipment.life.ups': { schema: LifeYears, default: 5 },
  'equipment.life.speaker': { schema: LifeYears, default: 8 },
  'equipment.life.camera': { schema: LifeYears, default: 6 },
  'equipment.life.other': { schema: LifeYears, default: 6 },
  // Year page (compliance report): how early a new member's training deadline is flagged, and
  // how many days of winter–spring training a season needs (DOMAIN.md: 2–3 days).
  'newMember.warnDays': { schema: z.number().int().min(0).max(365), default: 30 },
  'winterSpring.minDays': { schema: z.number().int().min(1).max(30), default: 2 },
  // Device health (issue 7): the county hub, grading thresholds and snapshot history. *policy*
  /** The county hub's base URL; empty = not configured (hub reachability is then unknown). */
  'hub.url': { schema: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]), default: '' },
  'health.probeTimeoutMs': { schema: z.number().int().min(500).max(30_000), default: 4000 },
  'health.cpu.warnPercent': { schema: z.number().min(1).max(100), default: 85 },
  'health.cpu.failPercent': { schema: z.number().min(1).max(100), default: 98 },
  'health.memory.warnPercent': { schema: z.number().min(1).max(100), default: 85 },
  'health.memory.failPercent': { schema: z.number().min(1).max(100), default: 95 },
  'health.disk.warnFreeMB': { schema: z.number().int().min(0), default: 1024 },
  'health.disk.failFreeMB': { schema: z.number().int().min(0), default: 200 },
  'health.temperature.warnCelsius': { schema: z.number().min(20).max(150), default: 75 },
  'health.temperature.failCelsius': { schema: z.number().min(20).max(150), default: 90 },
  /** A display narrower than this (pixels) is graded warn: course videos and big text need room. */
  'health.display.minWidth': { schema: z.number().int().min(320).max(8000), default: 1024 },
  'health.hub.warnLatencyMs': { schema: z.number().int().min(1).max(60_000), default: 2000 },
  'health.database.warnMB': { schema: z.number().int().min(1), default: 2048 },
  'health.sync.warnDays': { schema: z.number().int().min(1).max(365), default: 7 },
  'health.sync.failDays': { schema: z.number().int().min(1).max(365), default: 30 },
  'health.upload.warnDays': { schema: z.number().int().min(1).max(365), default: 7 },
  'health.upload.failDays': { schema: z.number().int().min(1).max(365), default: 30 },
  /** How often the health-snapshot job stores a snapshot (minutes; a node-cron step). */
  'health.snapshotMinutes': { schema: z.number().int().min(1).max(60), default: 15 },
  /** History: every snapshot for this many days, then one per hour, then one per day. */
  'health.history.rawDays': { schema: z.number().int().min(1).max(90), default: 7 },
  'health.history.hourlyDays': { schema: z.number().int().min(1).max(730), default: 90 },
  'health.history.dailyDays': { schema: z.number().int().min(30).max(3650), default: 1095 },
  /**
   * Trusted time: how far the clock may stray from the time a good source implies (either way)
   * or fall behind the last recorded time before records are stamped untrusted.
   */
  'time.maxDriftMinutes': {
    schema: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    default: 10,
  },
  // Check-in (DOMAIN.md rules table: lateness is recorded, the grace is policy).
  /** A check-in this many minutes after the session start or later is shown as late. */
  'checkin.lateGraceMinutes': { schema: z.number().int().min(0).max(240), default: 10 },
  // Course content (issue 6): where the verified cache lives and how the night sync behaves.
  /** Absolute directory of the verified cache; empty = `cache` inside the data directory. */
  'content.cacheDir': { schema: z.string().max(1000), default: '' },
  /** The county's published folder (where manifest.json is); empty = no scheduled sync. */
  'content.syncUrl': { schema: z.string().max(1000), default: '' },
  /** node-cron expression (station time zone) that starts the scheduled sync: 01:00 nightly. */
  'content.syncSchedule': { schema: CronExpression, default: '0 1 * * *' },
  /** The scheduled sync stops at this hour (0–23) so daytime study gets the link. */
  'content.syncWindowEndHour': { schema: z.number().int().min(0).max(23), default: 6 },
  /** Bandwidth cap for downloads in KB/s; 0 = no cap. */
  'content.bandwidthKBps': { schema: z.number().int().min(0).max(10_000_000), default: 0 },
  /** Free space that must remain on the cache volume after a sync, in MB. */
  'content.diskMarginMB': { schema: z.number().int().min(0).max(1_000_000), default: 200 },
  /** Days a file that left the published content is kept before it is deleted. */
  'content.retiredGraceDays': { schema: z.number().int().min(0).max(3650), default: 7 },
  /** Attempts per file within one sync run, with exponential backoff between them. */
  'content.retryAttempts': { schema: z.number().int().min(1).max(100), default: 5 },
  'content.retryBackoffMs': { schema: z.number().int().min(0).max(600_000), default: 2000 },
  /** A download that receives nothing for this long is cut and retried. */
  'content.stallTimeoutSeconds': { schema: z.number().min(0.1).max(3600), default: 30 },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}
