/**
 * The one contract between the kiosk UI and the station service.
 *
 * Each method is declared once here: its argument schema (validated inside the station, by the
 * same schema for both transports) and its result type. `StationApi` is derived from this table,
 * so the Electron preload, the HTTP client and the station's handlers cannot drift apart.
 * Adding a method is one entry here plus its handler in station/api/handlers.ts.
 */
import { z } from 'zod';
import { WithGrant, method } from './contract-method.js';
import { METHOD_NAMES } from './transport.js';
import { equipmentContract } from './contract-equipment.js';
import { reportMethods } from './contract-reports.js';
import { playerContract } from './contract-player.js';
import { healthMethods } from './contract-health.js';
import { consoleMethods } from './contract-console.js';
import { checkinContract } from './contract-checkin.js';
import { scheduleMethods, type DueSummary } from './contract-schedule.js';
import { exportMethods } from './contract-exports.js';
import { contentMethods } from './contract-content.js';
import { usbMethods } from './contract-usb.js';
import { printingMethods } from './contract-printing.js';

export { METHOD_NAMES, TOKEN_HEADER, TOKEN_QUERY } from './transport.js';

export const ROLES = ['organizer', 'technician'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A PIN is 4–8 digits: enterable with a TV remote's number keys or the on-screen keypad. */
export const PinSchema = z.string().regex(/^\d{4,8}$/);

const NoArgs = z.object({}).strict();

export type Grade = 'ok' | 'warn' | 'fail' | 'unknown';

export interface HomeView {
  /** True until first-run setup has been completed (a real install without demo data). */
  setupRequired: boolean;
  village: string;
  county: string;
  terminalName: string;
  terminalId: string;
  timeZone: string;
  language: Language;
  /** The station's "now" as ISO 8601 with offset, and its calendar date in the station's zone. */
  now: string;
  today: { year: number; month: number; day: number; weekday: number };
  /** The next scheduled session, or null when nothing is scheduled. */
  nextSession: null | { title: string; kind: string; start: string; end: string; planId: number };
  /** What is due (scheduling); null until the station can tell. */
  due: DueSummary | null;
  status: { network: Grade; health: Grade };
}

export interface UnlockResult {
  role: Role;
  grant: string;
  /** ISO 8601: the grant lapses after this, or when the station restarts. */
  expiresAt: string;
}

export interface TechnicianStatus {
  appVersion: string;
  schemaVersion: number;
  integrity: string;
  terminalId: string;
  dataDir: string;
  databaseBytes: number;
  nodeVersion: string;
  platform: string;
  uptimeSeconds: number;
  memberCount: number;
  courseCount: number;
}

export interface OrganizerOverview {
  village: string;
  memberCount: number;
  members: { id: number; name: string; role: 'secretary' | 'committee' | 'member' }[];
}

export interface CourseSummary {
  id: string;
  title: string;
  durationSeconds: number | null;
  /** From the signed manifest (issue 6); absent on courses from older stations. */
  kind?: string | null;
  audience?: string | null;
  /**
   * Media URLs are relative to the station's media root (`/media/` or `media://`). Only verified
   * files are listed; `sha256` and `size` are the manifest's (what proof of play records).
   */
  files: {
    path: string;
    sha256?: string;
    size?: number;
    subtitles: { lang: string; path: string }[];
  }[];
}

export const contract = {
  getHome: method<HomeView>()(NoArgs),
  setLanguage: method<void>()(z.object({ language: z.enum(LANGUAGES) }).strict()),
  completeSetup: method<HomeView>()(
    z
      .object({
        village: z.string().trim().min(1).max(60),
        county: z.string().trim().min(1).max(60),
        terminalName: z.string().trim().min(1).max(60),
        organizerPin: PinSchema,
        technicianPin: PinSchema,
      })
      .strict(),
  ),
  unlock: method<UnlockResult>()(
    z.object({ role: z.enum(ROLES), pin: z.string().min(1).max(32) }).strict(),
  ),
  lock: method<void>()(WithGrant),
  getOrganizerOverview: method<OrganizerOverview>()(WithGrant),
  getTechnicianStatus: method<TechnicianStatus>()(WithGrant),
  listCourses: method<CourseSummary[]>()(NoArgs),
  ...equipmentContract,
  ...reportMethods,
  ...playerContract,
  ...healthMethods,
  ...consoleMethods,
  ...checkinContract,
  ...scheduleMethods,
  ...exportMethods,
  ...contentMethods,
  ...usbMethods,
  ...printingMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;

// The zod-free name list in transport.ts must name exactly the contract's methods.
type ListedName = (typeof METHOD_NAMES)[number];
const sameNames: [MethodName] extends [ListedName]
  ? [ListedName] extends [MethodName]
    ? true
    : never
  : never = true;
void sameNames;

export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M] extends {
  readonly __out?: (out: infer O) => void;
}
  ? O
  : never;

/** What the renderer calls. Both transports implement exactly this. */
export type StationApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
};
