import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startFaultyServer, type FaultyServer } from '../helpers/faulty-server.js';
import { ROOT, STATION_BIN, station } from '../helpers/station-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import {
  launchChromium,
  openKiosk,
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
  const keys = path.join(tmp.dir, 'keys');
  const src = path.join(tmp.dir, 'src', '党课第一讲');
  fs.mkdirSync(src, { recursive: true });
  fs.writeFileSync(path.join(src, 'lecture.mp4'), crypto.randomBytes(3_000_000));
  fs.copyFileSync(
    path.join(ROOT, 'resources', 'demo-course', 'intro.zh.vtt'),
    path.join(src, 'lecture.zh.vtt'),
  );
  expect(station(['content', 'keygen', '--out', keys]).code).toBe(0);
  const out = path.join(tmp.dir, 'published');
  const key = path.join(keys, 'county.key');
  expect(
    station(['content', 'publish', path.dirname(src), '--key', key, '--version', '1', '--out', out])
      .code,
  ).toBe(0);
  expect(
    station(['content', 'trust', path.join(keys, 'county.pub'), '--data', target.dataDir]).code,
  ).toBe(0);
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
