import { z } from 'zod';
import { contract, type Language, type MethodName } from '../../common/contract.js';
import type { ErrorCode, Result } from '../../common/result.js';
import { StationFailure, toErrorBody } from '../errors.js';
import { translator } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { Handlers } from './handlers.js';

/** What a transport needs from the station: the handlers and the language to answer in. */
export interface ApiHost {
  handlers: Handlers;
  language(): Language;
  /** Where unexpected failures are recorded for the diagnostics bundle (station serve sets it). */
  log?: Logger;
}

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNKNOWN_METHOD: 404,
  UNAUTHORIZED: 401,
  PIN_WRONG: 403,
  PIN_LOCKED: 429,
  PIN_NOT_SET: 409,
  SETUP_DONE: 409,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STORAGE: 500,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() } as const;

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

/** Formats schema issues as one line: "pin: …; role: …" in the caller's language. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * The single entry point both transports call. Validates the argument with the contract's schema
 * (inside the station, so IPC and HTTP cannot differ), runs the handler and returns a Result with
 * an HTTP-style status. Never throws.
 */
export async function dispatch(
  host: ApiHost,
  method: string,
  input: unknown,
): Promise<{ status: number; body: Result<unknown> }> {
  let language: Language = 'zh-CN';
  try {
    language = host.language();
  } catch {
    // An unreadable setting must not stop the answer; fall back to Chinese.
  }
  const t = translator(language);
  if (!isMethod(method)) {
    const failure = new StationFailure('UNKNOWN_METHOD', 'unknownMethod', { method });
    return { status: 404, body: { ok: false, error: toErrorBody(failure, t) } };
  }
  const parsed = (contract[method].input as z.ZodType).safeParse(input ?? {}, {
    error: zodLocales[language].localeError,
  });
  if (!parsed.success) {
    const failure = new StationFailure('BAD_REQUEST', 'badRequest', {
      detail: describeIssues(parsed.error),
    });
    return { status: 400, body: { ok: false, error: toErrorBody(failure, t) } };
  }
  try {
    const handler = host.handlers[method] as (arg: unknown) => unknown;
    const value = await handler(parsed.data);
    return { status: 200, body: { ok: true, value: value ?? null } };
  } catch (err) {
    const body = toErrorBody(err, t);
    if (!(err instanceof StationFailure)) console.error(`[station] ${method} failed:`, err);
    // Codes and keys only: a failure's parameters may name a member.
    if (!(err instanceof StationFailure) || body.code === 'STORAGE' || body.code === 'INTERNAL') {
      host.log?.log('error', 'rpc.failed', {
        method,
        code: body.code,
        key: err instanceof StationFailure ? err.key : null,
        detail:
          err instanceof StationFailure ? null : err instanceof Error ? err.message : String(err),
      });
    }
    return { status: STATUS[body.code], body: { ok: false, error: body } };
  }
}
