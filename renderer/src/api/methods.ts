import type {
  MethodInput,
  MethodName,
  MethodOutput,
  StationApi,
} from '../../../common/contract.js';
import { METHOD_NAMES } from '../../../common/transport.js';

export type Caller = <M extends MethodName>(
  method: M,
  input: MethodInput<M>,
) => Promise<MethodOutput<M>>;

/** Builds the typed StationApi object from one generic call function. */
export function apiFromCaller(call: Caller): StationApi {
  const api: Partial<Record<MethodName, unknown>> = {};
  for (const method of METHOD_NAMES) {
    api[method] = (input: MethodInput<typeof method>) => call(method, input);
  }
  return api as StationApi;
}
