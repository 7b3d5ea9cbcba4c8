import { WithGrant, method } from './contract-method.js';

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
