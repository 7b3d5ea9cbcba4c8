/**
 * What the preload hands to the page, built without touching Electron so it can be tested and
 * bundled on its own. Kept free of value imports from common/contract.ts: that module evaluates
 * zod schemas, and the sandboxed preload must stay one small file with nothing but this in it.
 */
import type { MethodName } from '../common/contract.js';
import { METHOD_NAMES, channelFor, type StationBridge } from '../common/transport.js';

export { MEDIA_BASE, channelFor } from '../common/transport.js';
export type { StationBridge, StationGlobal } from '../common/transport.js';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/**
 * Named functions only, never a generic send(channel, …): the page can reach exactly the
 * contract's methods, each on its own channel, with exactly one argument.
 */
export function buildBridge(invoke: Invoke): StationBridge {
  const api: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    api[method] = (input: unknown) => invoke(channelFor(method), input);
  }
  return Object.freeze(api) as StationBridge;
}
