import type {
  MethodInput,
  MethodName,
  MethodOutput,
  StationApi,
} from '../../../common/contract.js';
import { unwrap, type Result } from '../../../common/result.js';
import { TransportError } from './errors.js';
import { apiFromCaller } from './methods.js';

/** What the Electron preload exposes: one function per method, each resolving to a Result. */
export type StationBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;
};

/** `window.station`, present only inside the Electron shell. */
export interface StationGlobal {
  api: StationBridge;
  mediaBase: string;
}

/** StationApi over Electron IPC: the preload already returns Result values; unwrap them. */
export function createIpcApi(bridge: StationBridge): StationApi {
  return apiFromCaller(async (method, input) => {
    let result: Result<MethodOutput<typeof method>>;
    try {
      const fn = bridge[method] as (input: unknown) => Promise<Result<MethodOutput<typeof method>>>;
      result = await fn(input);
    } catch (cause) {
      throw new TransportError(`IPC call ${method} failed`, { cause });
    }
    return unwrap(result);
  });
}
