/**
 * What the preload hands to the page, built without touching Electron so it can be tested and
 * bundled on its own. Kept free of value imports from common/contract.ts: that module evaluates
 * zod schemas, and the sandboxed preload must stay one small file with nothing but this in it.
 */
import type { MethodInput, MethodName, MethodOutput } from '../common/contract.js';
import type { Result } from '../common/result.js';

/** One function per StationApi method, each resolving to the station's Result envelope. */
export type StationBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};

/** `window.station` inside the Electron shell. */
export interface StationGlobal {
  api: StationBridge;
  mediaBase: string;
}

/** The media protocol's base URL; media-protocol.ts serves `media://local/<path>`. */
export const MEDIA_BASE = 'media://local/';

/** Every IPC channel the shell answers is `station:<method>`. */
export function channelFor(method: MethodName): string {
  return `station:${method}`;
}

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/**
 * Named functions only, never a generic send(channel, …): the page can reach exactly the
 * contract's methods, each on its own channel, with exactly one argument. The names are spelled
 * out rather than taken from METHOD_NAMES (see the module comment); `satisfies` makes tsc reject a
 * missing, unknown or mistyped method, and bridge.test.ts checks the names against METHOD_NAMES.
 */
export function buildBridge(invoke: Invoke): StationBridge {
  // The station's reply is the Result envelope of that method; IPC carries it as structured data.
  const call =
    <M extends MethodName>(method: M) =>
    (input: MethodInput<M>) =>
      invoke(channelFor(method), input) as Promise<Result<MethodOutput<M>>>;
  const api = {
    getHome: call('getHome'),
    setLanguage: call('setLanguage'),
    completeSetup: call('completeSetup'),
    unlock: call('unlock'),
    lock: call('lock'),
    getOrganizerOverview: call('getOrganizerOverview'),
    getTechnicianStatus: call('getTechnicianStatus'),
    listCourses: call('listCourses'),
  } satisfies StationBridge;
  return Object.freeze(api);
}
