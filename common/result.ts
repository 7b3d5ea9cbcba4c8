/**
 * Results cross process boundaries (IPC, HTTP) as values, never as thrown exceptions, so the
 * error's code and readable message survive the trip and the UI can show a sentence, not a stack.
 */

/** Stable, machine-readable error codes. The message beside them is for people. */
export type ErrorCode =
  | 'BAD_REQUEST' // argument failed schema validation
  | 'UNKNOWN_METHOD'
  | 'UNAUTHORIZED' // missing/invalid launch token or role grant
  | 'PIN_WRONG'
  | 'PIN_LOCKED'
  | 'PIN_NOT_SET'
  | 'SETUP_DONE' // first-run setup was already completed
  | 'NOT_FOUND'
  | 'STORAGE' // the data directory or database cannot be used as it is
  | 'UNAVAILABLE' // a resource (port, device) is taken or missing
  | 'CONFLICT'
  | 'INTERNAL';

export interface StationErrorBody {
  code: ErrorCode;
  /** A sentence in the station's UI language that says what happened and what to do. */
  message: string;
  /** Optional structured details (e.g. remaining attempts), safe to show. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: StationErrorBody };

/** An error that carries a code and a readable message across a transport. */
export class StationError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'StationError';
    this.code = code;
    this.details = details;
  }
  toBody(): StationErrorBody {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** Unwrap a transported result into a value or a thrown StationError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new StationError(result.error.code, result.error.message, result.error.details);
}
