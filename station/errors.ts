import type { ErrorCode, StationErrorBody } from '../common/result.js';
import type { zhCN } from './i18n/zh-CN.js';
import type { Translate } from './i18n/index.js';

export type ErrorKey = keyof typeof zhCN.error;

/**
 * A failure the station expects and can explain. It carries a message key rather than a sentence,
 * so the same failure reads in Chinese on the kiosk and in English on a technician's `--lang en`.
 */
export class StationFailure extends Error {
  readonly code: ErrorCode;
  readonly key: ErrorKey;
  readonly params: Record<string, string | number>;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: ErrorCode,
    key: ErrorKey,
    params: Record<string, string | number> = {},
    details?: Record<string, unknown>,
  ) {
    super(`${code}: ${key} ${JSON.stringify(params)}`);
    this.name = 'StationFailure';
    this.code = code;
    this.key = key;
    this.params = params;
    this.details = details;
  }
}

export function describeFailure(err: StationFailure, t: Translate): string {
  return t(`error.${err.key}`, err.params);
}

/** Turns anything thrown into the body that crosses a transport; never leaks a stack. */
export function toErrorBody(err: unknown, t: Translate): StationErrorBody {
  if (err instanceof StationFailure) {
    const body: StationErrorBody = { code: err.code, message: describeFailure(err, t) };
    if (err.details) body.details = err.details;
    return body;
  }
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: t('error.internal', { detail }) };
}
