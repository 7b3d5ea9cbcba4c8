import { z } from 'zod';

const Grant = z.string().min(16).max(128);
const WithGrant = z.object({ grant: Grant }).strict();

/** Declares a method: its argument schema now, its result type as a type-only phantom. */
const method =
  <Out>() =>
  <S extends z.ZodType>(input: S) =>
    ({ input }) as { input: S; readonly __out?: (out: Out) => void };

export interface DiagnosticsExport {
  /** The zip written on the USB stick. */
  file: string;
  entries: number;
}

/** The technician console's actions beyond health: carry evidence away, fetch courses now. */
export const consoleMethods = {
  /** Writes the diagnostics bundle (no members' personal data) to the first USB stick found. */
  exportDiagnostics: method<DiagnosticsExport>()(WithGrant),
  /** Starts a course sync from the configured address now, in the background. */
  syncContentNow: method<{ started: boolean; url: string }>()(WithGrant),
};
