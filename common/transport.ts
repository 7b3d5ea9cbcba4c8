/**
 * The wire facts both transports share, free of runtime dependencies: the renderer bundle and
 * the sandboxed Electron preload import values from here, whereas a value import from
 * contract.ts would pull zod and every schema in with it. (Type imports are erased.)
 */
import type { MethodInput, MethodName, MethodOutput } from './contract.js';
import type { Result } from './result.js';

/**
 * Every StationApi method by name. contract.ts checks at compile time that this list and the
 * contract's table name exactly the same methods.
 */
export const METHOD_NAMES = [
  'getHome',
  'setLanguage',
  'completeSetup',
  'unlock',
  'lock',
  'getOrganizerOverview',
  'getTechnicianStatus',
  'listCourses',
  'getEquipmentRegister',
  'addEquipment',
  'setEquipmentStatus',
  'addMaintenanceEntry',
  'getYearReport',
  'getMemberReport',
  'getPlayerQueue',
  'recordPlay',
  'getSubtitles',
  'listMissedSessions',
  'startMakeup',
  'getHealthConsole',
  'runSelfTest',
  'setHubUrl',
  'exportDiagnostics',
  'syncContentNow',
  'correctTimeFromHub',
  'setTimeManually',
  'startCheckinSession',
  'getCheckinSession',
  'checkinMember',
  'searchMembers',
  'checkoutMember',
  'excuseMember',
  'endCheckinSession',
  'saveSessionMinutes',
  'addSessionPhoto',
  'getSessionPhoto',
  'listRoster',
  'saveMember',
  'setMemberState',
  'importRoster',
  'getReminder',
  'startPlannedSession',
  'listOccurrences',
  'addPlan',
  'moveOccurrence',
  'cancelOccurrence',
  'listExportTargets',
  'startAttendanceExport',
  'getExportJob',
  'getContentStatus',
  'peekUsbCourses',
  'findUsbCourses',
  'importUsbCourses',
  'listPrinters',
  'listPrintableSessions',
  'printSigninSheet',
  'printStudyRecord',
  'getPrintJob',
] as const;

/** Name of the header that carries the per-launch token on the loopback HTTP transport. */
export const TOKEN_HEADER = 'x-station-token';
/** Query parameter that carries the token on media URLs (a <video> element sends no headers). */
export const TOKEN_QUERY = 'token';

/**
 * The id of the JSON data block the loopback server puts into index.html with the home view
 * (station/http/ui-files.ts), read by the renderer's first module (renderer/src/api/early-home.ts).
 */
export const FIRST_HOME_ELEMENT_ID = 'station-first-home';

/** The Electron media protocol's base URL: `media://local/<path>`. */
export const MEDIA_BASE = 'media://local/';

/** Every IPC channel the Electron shell answers is `station:<method>`. */
export function channelFor(method: MethodName): string {
  return `station:${method}`;
}

/** What the Electron preload exposes: one function per method, each resolving to a Result. */
export type StationBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};

/** `window.station`, present only inside the Electron shell. */
export interface StationGlobal {
  api: StationBridge;
  mediaBase: string;
}
