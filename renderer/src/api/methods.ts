import type {
  MethodInput,
  MethodName,
  MethodOutput,
  StationApi,
} from '../../../common/contract.js';

/**
 * The method names, listed here rather than imported as METHOD_NAMES: a value import from
 * common/contract.ts would pull zod and every schema into the kiosk bundle. `satisfies` makes the
 * compiler reject a missing or extra name, so the list cannot drift from the contract.
 */
const METHODS = {
  getHome: true,
  setLanguage: true,
  completeSetup: true,
  unlock: true,
  lock: true,
  getOrganizerOverview: true,
  getTechnicianStatus: true,
  listCourses: true,
} as const satisfies Record<MethodName, true>;

export const METHOD_LIST = Object.keys(METHODS) as MethodName[];

export type Caller = <M extends MethodName>(
  method: M,
  input: MethodInput<M>,
) => Promise<MethodOutput<M>>;

/** Builds the typed StationApi object from one generic call function. */
export function apiFromCaller(call: Caller): StationApi {
  const api: Partial<Record<MethodName, unknown>> = {};
  for (const method of METHOD_LIST) {
    api[method] = (input: MethodInput<typeof method>) => call(method, input);
  }
  return api as StationApi;
}
