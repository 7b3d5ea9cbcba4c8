import type { MethodOutput, StationApi } from '../../../common/contract.js';
import { unwrap, type Result } from '../../../common/result.js';
import { TransportError } from './errors.js';
import { apiFromCaller } from './methods.js';
import type { StationBridge } from '../../../common/transport.js';

export type { StationBridge, StationGlobal } from '../../../common/transport.js';

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
