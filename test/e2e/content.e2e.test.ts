import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startFaultyServer, type FaultyServer } from '../helpers/faulty-server.js';
import { ROOT, STATION_BIN } from '../helpers/station-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import {
  launchChromium,
  openKiosk,
  publishTestCourse,
  startStation,
  stopAllStations,
  text,
  type RunningStation,
  unlockFromHome,
} from './harness.js';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let target: RunningStation;
let server: FaultyServer;
let tmp: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await stopAllStations();
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  await server?.close();
  expect(await target.stop()).toBe(0);
  tmp?.cleanup();
});

it('shows a running course sync with progress bars on the technician console', async () => {
  tmp = makeTempDir('content-e2e-');
  target = await startStation();
  const out = publishTestCourse(tmp.dir, target, {
    title: '党课第一讲',
    version: 1,
    bytes: 3_000_000,
  });
  server = await startFaultyServer(out);
  // The link goes quiet half-way: the sync sits there, as on a bad night.
  server.faults.set('/党课第一讲/lecture.mp4', [{ kind: 'stall', atByte: 1_500_000 }]);
  const sync = spawn(process.execPath, [
    STATION_BIN,
    'content',
    'sync',
    '--from',
    server.url,
    '--data',
    target.dataDir,
  ]);
  try {
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    page = await context.newPage();
    await openKiosk(page, target);
    await unlockFromHome(page, 'technician');
    await page.getByTestId('content-sync').waitFor();
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="content-sync-state"]')
          ?.textContent?.includes('正在同步'),
      undefined,
      { timeout: 20_000 },
    );
    // The panel polls: wait until it shows the bytes that arrived before the link went quiet.
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="content-sync"] [role="progressbar"]')
            ?.getAttribute('aria-valuenow'),
        ) >= 40,
      undefined,
      { timeout: 20_000 },
    );
    const panel = await text(page, 'content-sync');
    expect(panel).toMatch(/正在播放.*第 0 版/);
    expect(panel).toMatch(/正在取得.*第 1 版/);
    expect(panel).toContain('党课第一讲/lecture.mp4');
    fs.mkdirSync(path.join(ROOT, 'docs', 'screenshots'), { recursive: true });
    await page.evaluate(() => document.fonts.ready);
    await page.getByTestId('content-sync').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'content-sync.png') });
  } finally {
    sync.kill('SIGKILL');
  }
});
