import type { StationApi } from '../../../common/contract.js';
import { TOKEN_HEADER } from '../../../common/transport.js';
import { unwrap, type Result } from '../../../common/result.js';
import { TransportError } from './errors.js';
import { apiFromCaller } from './methods.js';

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  // A void method's value is dropped by JSON, so `{ ok: true }` alone is a valid envelope.
  if (body.ok === true) return true;
  return body.ok === false && 'error' in body && typeof body.error === 'object';
}

/**
 * StationApi over the loopback HTTP transport: POST /rpc/<method> with the launch token in a
 * header. Every answer, 401 and 400 included, is a Result envelope, so the station's own sentence
 * reaches the UI; only an unreachable station or a foreign answer becomes a TransportError.
 */
export function createHttpApi(
  baseUrl: string,
  token: string,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): StationApi {
  return apiFromCaller(async (method, input) => {
    let response: Response;
    try {
      response = await fetchImpl(new URL(`/rpc/${method}`, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
    } catch (cause) {
      throw new TransportError(`station unreachable at ${baseUrl}`, { cause });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new TransportError(`station answered ${response.status} without JSON`, { cause });
    }
    if (!isResult(body)) {
      throw new TransportError(`station answered ${response.status} without a result`);
    }
    // The envelope carries the method's output type; the cast names what the contract promises.
    return unwrap(body) as never;
  });
}
