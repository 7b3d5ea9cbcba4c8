/**
 * Device health, trusted time and self-test (issue 7): the console's methods and the shapes
 * `station health --json` and `station selftest --json` print.
 */
import { z } from 'zod';
import { Grant, WithGrant, method } from './contract-method.js';
import type { Grade } from './contract.js';

/** Every graded item, in the order the console and the CLI list them. */
export const HEALTH_ITEM_IDS = [
  'cpu',
  'memory',
  'disk-data',
  'disk-cache',
  'temperature',
  'uptime',
  'display',
  'audio',
  'network',
  'hub',
  'os',
  'app',
  'database',
  'content',
  'last-sync',
  'last-upload',
] as const;
export type HealthItemId = (typeof HEALTH_ITEM_IDS)[number];

export type HealthValue = string | number | null;

export interface HealthItem {
  id: HealthItemId;
  /** The reading in a fixed unit per item (percent, bytes, seconds, °C, a count, text); null if none. */
  value: HealthValue;
  grade: Grade;
  /** Supporting facts (totals, mount points, the error a sensor threw). */
  detail?: Record<string, string | number | boolean | null>;
}

export interface ClockView {
  trusted: boolean;
  /** Why: fresh-install | consistent | agrees-with-source | behind-last-record | behind-source | ahead-of-source */
  reason: string;
  /** The reason as a sentence in the station's language. */
  text: string;
  now: string;
  expectedAt: string | null;
  offsetMs: number;
  lastGoodSource: string | null;
  lastGoodAt: string | null;
}

export interface HealthReport {
  takenAt: string;
  items: HealthItem[];
  clock: ClockView;
}

/** An item as the console shows it: the station words it in its own language. */
export interface HealthItemView extends HealthItem {
  label: string;
  text: string;
}

export type SelfTestStepId = 'screen' | 'audio' | 'network' | 'disk' | 'database' | 'content';
export type SelfTestResult = 'pass' | 'fail' | 'unknown';

export interface SelfTestStep {
  id: SelfTestStepId;
  result: SelfTestResult;
  /** Facts behind the result (bytes written, files hashed, the error). */
  detail: Record<string, string | number | boolean | null>;
  label: string;
  /** What was found, as a sentence. */
  text: string;
  /** What to do about it; empty when the step passed. */
  advice: string;
}

export interface SelfTestRun {
  id: number;
  startedAt: string;
  finishedAt: string;
  overall: SelfTestResult;
  steps: SelfTestStep[];
}

export interface RecentProblem {
  /** When it was last seen (ISO). */
  at: string;
  /** A health item or self-test step id. */
  source: string;
  text: string;
}

export interface HealthConsoleView {
  takenAt: string;
  terminal: { id: string; name: string; village: string; dataDir: string; timeZone: string };
  items: HealthItemView[];
  clock: ClockView;
  hubUrl: string;
  content: { files: number | null; bytes: number | null; lastSync: string | null };
  upload: { lastUpload: string | null };
  lastSelfTest: SelfTestRun | null;
  recentProblems: RecentProblem[];
}

export const healthMethods = {
  getHealthConsole: method<HealthConsoleView>()(WithGrant),
  runSelfTest: method<SelfTestRun>()(WithGrant),
  setHubUrl: method<HealthConsoleView>()(
    z
      .object({
        grant: Grant,
        url: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(300)]),
      })
      .strict(),
  ),
  correctTimeFromHub: method<ClockView>()(WithGrant),
  /** A technician's own good source (a network-synced phone) where there is no hub to ask. */
  setTimeManually: method<ClockView>()(
    z
      .object({
        grant: Grant,
        /** Wall-clock time in the station's zone: 'YYYY-MM-DD HH:mm'. */
        local: z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/),
      })
      .strict(),
  ),
};
