/**
 * End-to-end harness: a real `station serve` on a fresh data directory, driven through the
 * system Chromium. Waits are on visible state in the page, never on timers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startFaultyServer, type FaultyServer } from '../helpers/faulty-server.js';
import {
  ROOT,
  serve,
  STATION_BIN,
  station,
  type ServeProcess,
} from '../helpers/station-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.join(ROOT, 'test-results');
/** Screenshots the documentation shows (kept in git), as opposed to a run's own in RESULTS_DIR. */
const DOCS_SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

// Headless Chromium as root in a container; each launch also gets its own throwaway profile
// (playwright passes a fresh --user-data-dir), so no state leaks between runs.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
  // As the kiosk launches Chromium (scripts/lib/launch-plan.mjs): courses start with sound.
  '--autoplay-policy=no-user-gesture-required',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface RunningStation {
  server: ServeProcess;
  dataDir: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Calls the station's RPC the way the kiosk does, for checks from outside the page. */
  rpc(method: string, input?: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<number | null>;
}

const running = new Set<RunningStation>();

/**
 * `station init [--demo] --data DIR` then `station serve --data DIR --port 0` on a fresh temp dir.
 * `before` writes to the data directory between the two; `env` is the service's environment
 * (e.g. STATION_FAKE_NOW). Resolves once the service has printed `ready <url>`.
 */
export async function startStation({
  demo = true,
  env = {},
  before,
}: {
  demo?: boolean;
  env?: NodeJS.ProcessEnv;
  before?: (dataDir: string) => void;
} = {}): Promise<RunningStation> {
  const temp = makeTempDir('station-e2e-');
  const init = station(['init', ...(demo ? ['--demo'] : []), '--data', temp.dir]);
  if (init.code !== 0) {
    temp.cleanup();
    throw new Error(`station init failed (${init.code}):\n${init.stderr}`);
  }
  let server: ServeProcess;
  try {
    before?.(temp.dir);
    server = await serve(['--data', temp.dir, '--port', '0'], env);
  } catch (error) {
    temp.cleanup();
    throw error;
  }
  const origin = new URL(server.url).origin;
  const handle: RunningStation = {
    server,
    dataDir: temp.dir,
    origin,
    async rpc(method, input = {}) {
      const response = await fetch(`${origin}/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-station-token': server.token },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: await response.json() };
    },
    async stop() {
      running.delete(handle);
      const code = await server.stop('SIGTERM');
      temp.cleanup();
      return code;
    },
  };
  running.add(handle);
  return handle;
}

/** For afterAll: stops whatever a failed test left running. */
export async function stopAllStations(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

/** Opens the launch URL and waits until the kiosk has drawn its first real screen. */
export async function openKiosk(page: Page, target: RunningStation): Promise<void> {
  await page.goto(target.server.url);
  await page.locator('[data-testid="home-screen"], [data-testid="setup-screen"]').first().waitFor();
}

/** The data-testid of the focused element. */
export function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Waits until the element with this data-testid has keyboard focus. */
export async function waitForFocus(page: Page, testId: string): Promise<void> {
  try {
    await page.waitForFunction(
      (id) => document.activeElement?.getAttribute('data-testid') === id,
      testId,
      { timeout: 5_000 },
    );
  } catch {
    throw new Error(`expected focus on ${testId}, found ${await focusedTestId(page)}`);
  }
}

/** Presses a key and waits until focus has landed on the expected element. */
export async function press(page: Page, key: string, expectFocus?: string): Promise<void> {
  await page.keyboard.press(key);
  if (expectFocus) await waitForFocus(page, expectFocus);
}

export async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).innerText()).trim();
}

/**
 * Saves the page as test-results/`name`. With `docsAs`, the documentation's picture of this view:
 * copied to docs/screenshots/`docsAs` only when UPDATE_SCREENSHOTS is set, so that a test run
 * leaves the tree clean and the README's pictures change on request.
 */
export async function screenshot(page: Page, name: string, docsAs?: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name);
  // Fonts first: a screenshot taken while the CJK font swaps in would show fallback glyphs. The
  // kiosk adds its font after the first frame and marks <html data-fonts="ready"> once loaded.
  await page.waitForSelector('html[data-fonts="ready"]', { state: 'attached', timeout: 10_000 });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file });
  if (docsAs && process.env.UPDATE_SCREENSHOTS) {
    fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    fs.copyFileSync(file, path.join(DOCS_SCREENSHOTS, docsAs));
  }
  return file;
}

export interface PageWatch {
  /** Requests to anywhere but the station: the kiosk must work with no network. */
  foreignRequests: string[];
  /** Uncaught exceptions and console errors (CSP refusals among them). */
  errors: string[];
}

/**
 * Records what a page does that it should not. A refused RPC shows up in the console as
 * "Failed to load resource" — expected where a test provokes one, so it is left out here.
 */
export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = { foreignRequests: [], errors: [] };
  // blob: URLs of the page's own origin (the player's subtitles for <track>) are in memory.
  const own = [`${origin}/`, `blob:${origin}/`];
  page.on('request', (request) => {
    const url = request.url();
    if (!own.some((prefix) => url.startsWith(prefix))) watch.foreignRequests.push(url);
  });
  page.on('pageerror', (error) => watch.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      watch.errors.push(message.text());
    }
  });
  return watch;
}

/**
 * Moves keyboard focus to the element with this data-testid with the arrow keys alone, as a
 * person with a remote does: each press goes toward the target (down/up until it is in the
 * focused element's row, then left/right). Tests use it so a page can gain tiles without every
 * test's exact path of presses changing.
 */
export async function moveFocusTo(page: Page, testId: string, maxPresses = 30): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    const step = await page.evaluate((id) => {
      const target = document.querySelector(`[data-testid="${id}"]`);
      const active = document.activeElement;
      if (!target) return 'missing';
      if (active === target) return 'done';
      if (!active || active === document.body) return 'ArrowDown';
      const a = active.getBoundingClientRect();
      const b = target.getBoundingClientRect();
      const sameRow = b.top < a.bottom - 4 && b.bottom > a.top + 4;
      if (!sameRow) return b.top > a.top ? 'ArrowDown' : 'ArrowUp';
      return b.left > a.left ? 'ArrowRight' : 'ArrowLeft';
    }, testId);
    if (step === 'done') return;
    if (step === 'missing') {
      await page.getByTestId(testId).waitFor({ timeout: 5_000 });
      continue;
    }
    await page.keyboard.press(step);
  }
  throw new Error(
    `could not reach ${testId} with the arrows; focus on ${await focusedTestId(page)}`,
  );
}

/** The demo station's PINs (station init --demo) and where each role's tile and page are. */
const ROLES = {
  organizer: { tile: 'tile-organizer', pin: '1234', page: 'organizer-screen' },
  technician: { tile: 'tile-technician', pin: '5678', page: 'technician-screen' },
} as const;

/**
 * On an open PIN screen, or the PIN dialog that confirms an action (`pin-confirm`, e.g. ending a
 * session): types the PIN (focus then rests on Confirm) and presses OK.
 */
export async function enterPin(
  page: Page,
  pin: string,
  on: 'pin-screen' | 'pin-confirm' = 'pin-screen',
): Promise<void> {
  await page.getByTestId(on).waitFor();
  await page.keyboard.type(pin);
  await waitForFocus(page, 'key-confirm');
  await press(page, 'Enter');
}

/**
 * From the home screen to the organizer's or technician's page with the remote's keys alone:
 * the role's tile, its demo PIN, OK. Resolves once the page behind the PIN is shown.
 */
export async function unlockFromHome(page: Page, role: keyof typeof ROLES): Promise<void> {
  const { tile, pin, page: screen } = ROLES[role];
  await moveFocusTo(page, tile);
  await press(page, 'Enter');
  await enterPin(page, pin);
  await page.getByTestId(screen).waitFor();
}

export interface KioskOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  demo?: boolean;
}

/** What useKiosk() set up for the running test (fields are replaced before each test). */
export interface Kiosk {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly target: RunningStation;
  readonly watch: PageWatch;
}

/**
 * Registers the hooks a kiosk e2e file needs: one Chromium for the file; before each test a fresh
 * station (`startStation`) and a fresh page in its own context, watched; after each test, that the
 * page raised no error, asked nothing of anyone but the station, and the station stopped with 0.
 */
export function useKiosk({
  viewport = { width: 1920, height: 1080 },
  locale = 'en-US',
  demo = true,
}: KioskOptions = {}): Kiosk {
  const kiosk = {} as { -readonly [K in keyof Kiosk]: Kiosk[K] };
  beforeAll(async () => {
    kiosk.browser = await launchChromium();
  });
  afterAll(async () => {
    await stopAllStations();
    await kiosk.browser?.close();
  });
  beforeEach(async () => {
    kiosk.target = await startStation({ demo });
    kiosk.context = await kiosk.browser.newContext({ viewport, locale });
    kiosk.page = await kiosk.context.newPage();
    kiosk.watch = watchPage(kiosk.page, kiosk.target.origin);
  });
  afterEach(async () => {
    await kiosk.context?.close();
    const exitCode = await kiosk.target.stop();
    expect(kiosk.watch.errors).toEqual([]);
    expect(kiosk.watch.foreignRequests).toEqual([]);
    expect(exitCode).toBe(0);
  });
  return kiosk;
}

/**
 * A published folder of one course (a video of random bytes and the demo course's subtitles),
 * signed with a county key the station trusts: all by the real CLI (`content keygen`, `trust`,
 * `publish`). The key is made in `workDir` on the first call and reused for later versions.
 * Returns the published folder (`<workDir>/published-<version>`).
 */
export function publishTestCourse(
  workDir: string,
  target: RunningStation,
  course: { title: string; version: number; bytes: number },
): string {
  const keys = path.join(workDir, 'keys');
  if (!fs.existsSync(keys)) {
    expect(station(['content', 'keygen', '--out', keys]).code).toBe(0);
    expect(
      station(['content', 'trust', path.join(keys, 'county.pub'), '--data', target.dataDir]).code,
    ).toBe(0);
  }
  const src = path.join(workDir, `src-${course.version}`, course.title);
  fs.mkdirSync(src, { recursive: true });
  fs.writeFileSync(path.join(src, 'lecture.mp4'), crypto.randomBytes(course.bytes));
  fs.copyFileSync(
    path.join(ROOT, 'resources', 'demo-course', 'intro.zh.vtt'),
    path.join(src, 'lecture.zh.vtt'),
  );
  const out = path.join(workDir, `published-${course.version}`);
  const key = path.join(keys, 'county.key');
  const version = String(course.version);
  expect(
    station([
      'content',
      'publish',
      path.dirname(src),
      '--key',
      key,
      '--version',
      version,
      '--out',
      out,
    ]).code,
  ).toBe(0);
  return out;
}

/**
 * A `station content sync` into the station from a server of the published folder whose link
 * goes quiet half-way through `file` (a URL path): the sync sits there running, as on a bad
 * night. The caller kills `sync` and closes `server`.
 */
export async function startStalledSync(
  published: string,
  target: RunningStation,
  file: string,
): Promise<{ server: FaultyServer; sync: ChildProcess }> {
  const server = await startFaultyServer(published);
  server.faults.set(file, [{ kind: 'stall', atByte: 1_500_000 }]);
  const sync = spawn(process.execPath, [
    STATION_BIN,
    'content',
    'sync',
    '--from',
    server.url,
    '--data',
    target.dataDir,
  ]);
  return { server, sync };
}
